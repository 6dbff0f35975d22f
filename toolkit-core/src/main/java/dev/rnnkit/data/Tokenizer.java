package dev.rnnkit.data;

import dev.rnnkit.config.TokenizerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits text into word or character tokens as {@code data.tokenizer} says.
 *
 * @param settings the tokenizer section of the config (stored in the preprocessing artefact)
 */
public record Tokenizer(TokenizerConfig settings) {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern PUNCTUATION = Pattern.compile("\\p{P}+");
    /** Characters split off the start of a word: opening brackets and quotes. */
    private static final String LEADING = "([{\"«“‘¿¡";
    /** Characters split off the end of a word: closing punctuation, brackets and quotes. */
    private static final String TRAILING = ",.!?;:)]}\"»”’…";
    /** An English clitic after an apostrophe, kept with its apostrophe as its own token ({@code man 's}). */
    private static final Pattern CLITIC = Pattern.compile("(?i)(.+?)(['’](?:s|re|ve|ll|d|m))");
    private static final Pattern NEGATION = Pattern.compile("(?i)(.+?)(n['’]t)");
    /** A French/Italian elision: the apostrophe stays with the elided word ({@code l' homme}). */
    private static final Pattern ELISION = Pattern.compile("(\\p{L}+['’])(\\p{L}.*)");

    /** The tokens of {@code text}: whitespace-separated words, or one token per code point. */
    public List<String> tokenize(String text) {
        String t = settings.lowercase() ? text.toLowerCase(Locale.ROOT) : text;
        if (settings.level() == TokenizerConfig.Level.CHAR) {
            return t.codePoints().mapToObj(Character::toString).toList();
        }
        List<String> tokens = new ArrayList<>();
        for (String w : WHITESPACE.split(t.strip())) {
            String token = settings.stripPunctuation() ? PUNCTUATION.matcher(w).replaceAll("") : w;
            if (token.isEmpty()) {
                continue;
            }
            if (settings.splitPunctuation()) {
                splitPunctuation(token, tokens);
            } else {
                tokens.add(token);
            }
        }
        return tokens;
    }

    /**
     * Splits one whitespace-delimited word as Moses' tokenizer does for European languages, in the form
     * {@link dev.rnnkit.eval.translation.Detokenizer} joins back: leading openers and trailing closers become tokens,
     * an English clitic or {@code n't} is split off with its apostrophe, and an elided word keeps its apostrophe.
     * Hyphens and inner full stops ({@code t-shirt}, {@code 3.5}, {@code U.S}) stay inside the word.
     */
    private static void splitPunctuation(String word, List<String> out) {
        int start = 0;
        int end = word.length();
        while (start < end && LEADING.indexOf(word.charAt(start)) >= 0) {
            out.add(String.valueOf(word.charAt(start++)));
        }
        List<String> closers = new ArrayList<>();
        while (end > start && TRAILING.indexOf(word.charAt(end - 1)) >= 0) {
            closers.add(0, String.valueOf(word.charAt(--end)));
        }
        String core = word.substring(start, end);
        if (!core.isEmpty()) {
            java.util.regex.Matcher m;
            if ((m = NEGATION.matcher(core)).matches() || (m = CLITIC.matcher(core)).matches()) {
                out.add(m.group(1));
                out.add(m.group(2));
            } else if ((m = ELISION.matcher(core)).matches()) {
                out.add(m.group(1));
                splitPunctuation(m.group(2), out); // jusqu'aujourd'hui
            } else {
                out.add(core);
            }
        }
        // A run of full stops ("...") is one token, as the detokeniser reads it.
        if (closers.size() > 1 && closers.stream().allMatch("."::equals)) {
            out.add(String.join("", closers));
        } else {
            out.addAll(closers);
        }
    }

    /** One pre-split token as the vocabulary sees it (tagging reads tokens from columns). */
    public String normalize(String token) {
        String t = settings.lowercase() ? token.toLowerCase(Locale.ROOT) : token;
        return settings.stripPunctuation() && !PUNCTUATION.matcher(t).matches() ? PUNCTUATION.matcher(t).replaceAll("") : t;
    }

    /** Joins tokens back into text: characters directly, words with spaces (no space around newlines). */
    public String join(List<String> tokens) {
        if (settings.level() == TokenizerConfig.Level.CHAR) {
            return String.join("", tokens);
        }
        StringBuilder sb = new StringBuilder();
        for (String tok : tokens) {
            if (!sb.isEmpty() && !tok.equals("\n") && sb.charAt(sb.length() - 1) != '\n') {
                sb.append(' ');
            }
            sb.append(tok);
        }
        return sb.toString();
    }
}
