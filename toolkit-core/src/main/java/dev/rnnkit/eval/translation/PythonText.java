package dev.rnnkit.eval.translation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python 3 string behaviour that sacreBLEU relies on: {@code str.isspace}, {@code split()}, {@code rstrip()},
 * {@code lower()} and {@code f"{x:.Nf}"}.
 */
final class PythonText {

    private PythonText() {
    }

    /**
     * True for exactly the code points for which Python's {@code str.isspace()} is true (the set is that of
     * Python 3.11; it has not changed across Python 3 releases). Differs from {@link Character#isWhitespace}:
     * it includes U+0085, U+00A0, U+2007 and U+202F.
     */
    static boolean isSpace(int c) {
        if (c <= 0x20) {
            return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
        }
        return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
                || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    /** Python's {@code line.split()}: the runs of non-whitespace, in order; empty for a blank line. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(line.codePointAt(i))) {
                i += Character.charCount(line.codePointAt(i));
            }
            int start = i;
            while (i < n && !isSpace(line.codePointAt(i))) {
                i += Character.charCount(line.codePointAt(i));
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out;
    }

    /** Python's {@code ''.join(line.split())}: the line with every whitespace character removed. */
    static String removeSpace(String line) {
        StringBuilder b = new StringBuilder(line.length());
        line.codePoints().filter(c -> !isSpace(c)).forEach(b::appendCodePoint);
        return b.toString();
    }

    /** Python's {@code line.rstrip()}. */
    static String rstrip(String line) {
        int end = line.length();
        while (end > 0) {
            int c = line.codePointBefore(end);
            if (!isSpace(c)) {
                break;
            }
            end -= Character.charCount(c);
        }
        return line.substring(0, end);
    }

    /**
     * Python's {@code str.lower()}. Java's {@link String#toLowerCase(Locale)} with {@link Locale#ROOT} applies
     * the same full case mappings (U+0130 becomes "i\u0307"); the one context-dependent rule, the final
     * sigma, is decided by Java with a narrower notion of case-ignorable characters, so capital sigma is
     * handled here as CPython's {@code handle_capital_sigma} does. (Java 17 and a given Python may still use
     * different Unicode versions, which only matters for characters new in the later one.)
     */
    static String lower(String s) {
        if (s.indexOf('\u03A3') < 0) {
            return s.toLowerCase(Locale.ROOT);
        }
        int[] cps = s.codePoints().toArray();
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < cps.length; i++) {
            if (cps[i] == 0x03A3) {
                b.append(finalSigma(cps, i) ? '\u03C2' : '\u03C3');
            } else {
                b.append(new String(cps, i, 1).toLowerCase(Locale.ROOT));
            }
        }
        return b.toString();
    }

    /** Final_Sigma: a cased letter, case-ignorables, the sigma, and no case-ignorables followed by a cased letter. */
    private static boolean finalSigma(int[] cps, int i) {
        int j = i - 1;
        while (j >= 0 && isCaseIgnorable(cps[j])) {
            j--;
        }
        if (j < 0 || !isCased(cps[j])) {
            return false;
        }
        j = i + 1;
        while (j < cps.length && isCaseIgnorable(cps[j])) {
            j++;
        }
        return j == cps.length || !isCased(cps[j]);
    }

    private static boolean isCased(int c) {
        return Character.isLowerCase(c) || Character.isUpperCase(c) || Character.isTitleCase(c);
    }

    /** Unicode's Case_Ignorable: Mn, Me, Cf, Lm, Sk, or Word_Break MidLetter, MidNumLet or Single_Quote. */
    private static boolean isCaseIgnorable(int c) {
        switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT, Character.MODIFIER_LETTER,
                    Character.MODIFIER_SYMBOL:
                return true;
            default:
                break;
        }
        switch (c) {
            // Single_Quote, MidNumLet and MidLetter
            case 0x0027, 0x002E, 0x2018, 0x2019, 0x2024, 0xFE52, 0xFF07, 0xFF0E, 0x003A, 0x00B7, 0x0387, 0x055F,
                    0x05F4, 0x2027, 0xFE13, 0xFE55, 0xFF1A:
                return true;
            default:
                return false;
        }
    }

    /**
     * Python's {@code f"{x:.{digits}f}"}: the exact binary value rounded half to even, unlike
     * {@link String#format} (which rounds the shortest decimal representation half up).
     */
    static String fixed(double x, int digits) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        // Python keeps the sign of a negative number that rounds to zero ("-0.0").
        return (x < 0 || (x == 0 && 1 / x < 0)) && !s.startsWith("-") ? "-" + s : s;
    }
}
