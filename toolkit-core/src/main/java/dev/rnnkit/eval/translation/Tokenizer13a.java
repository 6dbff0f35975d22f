package dev.rnnkit.eval.translation;

import java.util.regex.Pattern;

/**
 * The mteval-v13a tokeniser that is sacreBLEU's default for BLEU ({@code tok:13a}).
 *
 * <p>It reproduces {@code Tokenizer13a} of sacreBLEU's {@code tokenizers/tokenizer_13a.py} followed by
 * {@code TokenizerRegexp} of {@code tokenizers/tokenizer_re.py}, step for step:
 * <ol>
 *   <li>{@code <skipped>} is removed, {@code -\n} is removed (joining a hyphenated line break) and every
 *       other {@code \n} becomes a space;</li>
 *   <li>if the line holds an {@code &}, the entities {@code &quot;}, {@code &amp;}, {@code &lt;} and
 *       {@code &gt;} are unescaped, each in one pass and in that order (so {@code &amp;lt;} ends as
 *       {@code <} but {@code &amp;quot;} as {@code &quot;});</li>
 *   <li>the line is padded with a space on each side, then four substitutions run in turn: each of
 *       <code>{ | } ~ [ \ ] ^ _ `</code>, the space to {@code &}, {@code ( ) * +}, {@code : ; < = > ? @} and
 *       {@code /} is surrounded by spaces; a period or comma not preceded by a digit is split off; a period
 *       or comma not followed by a digit is split off; a dash preceded by a digit is split off;</li>
 *   <li>runs of whitespace (Python's definition) collapse to one space and the ends are trimmed.</li>
 * </ol>
 * Everything outside ASCII passes through unchanged. The tokeniser is stateless and thread-safe.
 */
public final class Tokenizer13a {

    /** The name sacreBLEU writes in the {@code tok:} field of a BLEU signature. */
    public static final String SIGNATURE = "13a";

    // tokenizer_re.py: r'([\{-\~\[-\` -\&\(-\+\:-\@\/])' -> r' \1 '. The ranges are spelled as regex
    // escapes so that no character acquires a meaning in Java's class syntax ('[' nests, '&&' intersects).
    private static final Pattern SYMBOLS =
            Pattern.compile("([\\u007B-\\u007E\\u005B-\\u0060\\u0020-\\u0026\\u0028-\\u002B\\u003A-\\u0040\\u002F])");
    // r'([^0-9])([\.,])' -> r'\1 \2 '
    private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([.,])");
    // r'([\.,])([^0-9])' -> r' \1 \2'
    private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([.,])([^0-9])");
    // r'([0-9])(-)' -> r'\1 \2 '
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

    private Tokenizer13a() {
    }

    /** Tokenises one segment as sacreBLEU's {@code Tokenizer13a()(line)} does; tokens are separated by single spaces. */
    public static String tokenize(String line) {
        line = line.replace("<skipped>", "");
        line = line.replace("-\n", "");
        line = line.replace("\n", " ");
        if (line.indexOf('&') >= 0) {
            line = line.replace("&quot;", "\"");
            line = line.replace("&amp;", "&");
            line = line.replace("&lt;", "<");
            line = line.replace("&gt;", ">");
        }
        line = " " + line + " ";
        line = SYMBOLS.matcher(line).replaceAll(" $1 ");
        line = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(line).replaceAll("$1 $2 ");
        line = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(line).replaceAll(" $1 $2");
        line = DASH_AFTER_DIGIT.matcher(line).replaceAll("$1 $2 ");
        return String.join(" ", PythonText.split(line));
    }
}
