package dev.rnnkit.eval.translation;

import java.util.regex.Pattern;

/**
 * Joins space-separated word tokens back into running text with a few Moses-like rules, so that BLEU can score
 * detokenised output as sacreBLEU expects.
 *
 * <p>The rules, and only these: no space before closing punctuation ({@code , . ! ? ; : ) ] }} and runs of them such as
 * {@code ...}) nor before an English clitic ({@code 's 're 've 'll 'd 'm n't}); no space after an opening bracket
 * ({@code ( [ {}) nor after an elided French/English word ending with an apostrophe ({@code l' d' qu' jusqu'}).
 * French typography's space before {@code ! ? ; :} is not restored. Text whose tokens carry their punctuation
 * (whitespace-split raw text) passes through unchanged.
 */
public final class Detokenizer {

    private static final Pattern CLOSING = Pattern.compile("[,.!?;:)\\]}]+");
    private static final Pattern CLITIC = Pattern.compile("(?i)(['’](s|re|ve|ll|d|m)|n['’]t)");
    private static final Pattern OPENING = Pattern.compile("[(\\[{]");
    private static final Pattern ELIDED = Pattern.compile("\\p{L}+['’]");

    private Detokenizer() {
    }

    /** The detokenised text of tokens separated by single spaces. */
    public static String detokenize(String spaced) {
        StringBuilder out = new StringBuilder();
        String previous = null;
        for (String token : spaced.split(" ")) {
            if (token.isEmpty()) {
                continue;
            }
            boolean attach = previous != null && (CLOSING.matcher(token).matches() || CLITIC.matcher(token).matches()
                    || OPENING.matcher(previous).matches() || ELIDED.matcher(previous).matches());
            if (previous != null && !attach) {
                out.append(' ');
            }
            out.append(token);
            previous = token;
        }
        return out.toString();
    }
}
