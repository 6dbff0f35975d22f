package dev.rnnkit.data;

import dev.rnnkit.config.WordFeature;
import java.util.List;

/**
 * Computes word features ({@code input.word_features}) from tokens as written, before any lowercasing.
 *
 * <p>Every feature is a class per token; in the features tensor it becomes a one-hot block of
 * {@link WordFeature#width()} channels after the token-id channel (see {@link Tensors#tokenFeatures(List, List, List, int)}).
 */
public final class WordShapes {

    /**
     * How a word is written; the constant order is the channel order.
     *
     * <p>Rules, first match wins: no characters → other; digits and only {@code . , : / - +} besides → numeric
     * ({@code 1996}, {@code 3.5}, {@code 2-1}); any digit → contains_digit ({@code 1990s}, {@code A4}); no letter
     * and only punctuation or symbols → punctuation; letters without case (CJK) or other characters → other; no
     * upper-case letter → all_lower; first character upper-case and no other upper-case letter → initial_capital
     * ({@code Peter}, {@code A}); no lower-case letter → all_upper ({@code EU}, {@code U.S.}); else mixed_case
     * ({@code McDonald}, {@code iPhone}).
     */
    public enum Casing {
        ALL_LOWER, ALL_UPPER, INITIAL_CAPITAL, MIXED_CASE, NUMERIC, CONTAINS_DIGIT, PUNCTUATION, OTHER;

        private static final String NUMBER_SEPARATORS = ".,:/-+";

        /** The casing class of one token. */
        public static Casing of(String token) {
            int letters = 0;
            int upper = 0;
            int lower = 0;
            int digits = 0;
            int separators = 0;
            int punctuation = 0;
            int[] cps = token.codePoints().toArray();
            for (int cp : cps) {
                if (Character.isDigit(cp)) {
                    digits++;
                } else if (Character.isLetter(cp)) {
                    letters++;
                    upper += Character.isUpperCase(cp) || Character.isTitleCase(cp) ? 1 : 0;
                    lower += Character.isLowerCase(cp) ? 1 : 0;
                }
                separators += NUMBER_SEPARATORS.indexOf(cp) >= 0 ? 1 : 0;
                punctuation += isPunctuationOrSymbol(cp) ? 1 : 0;
            }
            if (cps.length == 0) {
                return OTHER;
            }
            if (digits > 0) {
                return digits + separators == cps.length ? NUMERIC : CONTAINS_DIGIT;
            }
            if (letters == 0) {
                return punctuation == cps.length ? PUNCTUATION : OTHER;
            }
            if (upper + lower == 0) {
                return OTHER;
            }
            if (upper == 0) {
                return ALL_LOWER;
            }
            boolean capitalFirst = Character.isUpperCase(cps[0]) || Character.isTitleCase(cps[0]);
            if (capitalFirst && upper == 1) {
                return INITIAL_CAPITAL;
            }
            return lower == 0 ? ALL_UPPER : MIXED_CASE;
        }

        private static boolean isPunctuationOrSymbol(int cp) {
            return switch (Character.getType(cp)) {
                case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                        Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                        Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                        Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
                default -> false;
            };
        }
    }

    private WordShapes() {
    }

    /** The class of one token for one feature, in {@code [0, feature.width())}. */
    public static int classOf(WordFeature feature, String token) {
        return switch (feature) {
            case CASING -> Casing.of(token).ordinal();
        };
    }

    /**
     * The classes of the first {@code length} tokens for every feature: {@code [feature][token]}.
     * {@code length} is the encoded length, so that truncation matches the token ids.
     */
    public static int[][] classes(List<WordFeature> features, List<String> tokens, int length) {
        int[][] out = new int[features.size()][length];
        for (int f = 0; f < features.size(); f++) {
            for (int t = 0; t < length; t++) {
                out[f][t] = classOf(features.get(f), tokens.get(t));
            }
        }
        return out;
    }
}
