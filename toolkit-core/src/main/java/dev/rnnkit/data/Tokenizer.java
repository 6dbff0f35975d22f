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

    /** The tokens of {@code text}: whitespace-separated words, or one token per code point. */
    public List<String> tokenize(String text) {
        String t = settings.lowercase() ? text.toLowerCase(Locale.ROOT) : text;
        if (settings.level() == TokenizerConfig.Level.CHAR) {
            return t.codePoints().mapToObj(Character::toString).toList();
        }
        List<String> tokens = new ArrayList<>();
        for (String w : WHITESPACE.split(t.strip())) {
            String token = settings.stripPunctuation() ? PUNCTUATION.matcher(w).replaceAll("") : w;
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
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
