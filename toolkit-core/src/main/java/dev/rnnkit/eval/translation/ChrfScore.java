package dev.rnnkit.eval.translation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A corpus chrF (or chrF++) result as sacreBLEU reports it.
 *
 * @param score the score on sacreBLEU's 0-100 scale
 * @param name sacreBLEU's name for the metric: {@code chrF2}, {@code chrF2++}, ...
 * @param charOrder the character n-gram order
 * @param wordOrder the word n-gram order (2 for chrF++)
 * @param beta the weight of recall
 * @param statistics the summed statistics, three per order (character orders, then word orders): hypothesis
 *     n-grams, reference n-grams, matches
 * @param signature sacreBLEU's signature, e.g. {@code nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0}
 */
public record ChrfScore(double score, String name, int charOrder, int wordOrder, int beta, List<Long> statistics,
        String signature) {

    /** Copies the statistics. */
    public ChrfScore {
        Objects.requireNonNull(name, "name");
        statistics = List.copyOf(statistics);
        Objects.requireNonNull(signature, "signature");
    }

    ChrfScore(double score, String name, int charOrder, int wordOrder, int beta, long[] statistics, String signature) {
        this(score, name, charOrder, wordOrder, beta, boxed(statistics), signature);
    }

    /** sacreBLEU's text line with the score to {@code width} decimals, e.g. {@code chrF2|nrefs:1|...|version:2.6.0 = 52.0}. */
    public String format(int width) {
        return name + "|" + signature + " = " + PythonText.fixed(score, width);
    }

    private static List<Long> boxed(long[] a) {
        List<Long> out = new ArrayList<>(a.length);
        for (long x : a) {
            out.add(x);
        }
        return out;
    }
}
