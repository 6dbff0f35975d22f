package dev.rnnkit.eval.translation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A corpus BLEU result with the fields of sacreBLEU's {@code BLEUScore}.
 *
 * @param score BLEU on sacreBLEU's 0-100 scale
 * @param counts clipped n-gram matches per order (1..max order); unlike sacreBLEU, not increased by
 *     {@code add-k} smoothing
 * @param totals hypothesis n-grams per order; likewise unsmoothed
 * @param precisions the n-gram precisions in percent, after smoothing (0 past an order with no n-gram)
 * @param bp the brevity penalty
 * @param ratio hypothesis length over reference length (0 when the reference length is 0)
 * @param hypLen the summed hypothesis length in tokens ({@code sys_len})
 * @param refLen the summed closest-reference length in tokens
 * @param signature sacreBLEU's signature, e.g. {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0}
 */
public record BleuScore(double score, List<Long> counts, List<Long> totals, List<Double> precisions, double bp,
        double ratio, long hypLen, long refLen, String signature) {

    /** Copies the lists. */
    public BleuScore {
        counts = List.copyOf(counts);
        totals = List.copyOf(totals);
        precisions = List.copyOf(precisions);
        Objects.requireNonNull(signature, "signature");
    }

    BleuScore(double score, long[] counts, long[] totals, double[] precisions, double bp, long hypLen, long refLen,
            String signature) {
        this(score, boxed(counts), boxed(totals), boxed(precisions), bp,
                refLen != 0 ? (double) hypLen / (double) refLen : 0, hypLen, refLen, signature);
    }

    /**
     * sacreBLEU's text line with the score to {@code width} decimals, e.g.
     * {@code BLEU|nrefs:1|...|version:2.6.0 = 20.8 54.4/26.6/14.9/8.7 (BP = 1.000 ratio = 1.026 hyp_len = 62880 ref_len = 61287)}
     * (the command line's default width is 1). Numbers are rounded as Python's format does.
     */
    public String format(int width) {
        return "BLEU|" + signature + " = " + PythonText.fixed(score, width) + " " + verbose();
    }

    /** The part after the score: precisions, BP, ratio and lengths, as sacreBLEU prints them. */
    public String verbose() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < precisions.size(); i++) {
            b.append(i == 0 ? "" : "/").append(PythonText.fixed(precisions.get(i), 1));
        }
        return b + " (BP = " + PythonText.fixed(bp, 3) + " ratio = " + PythonText.fixed(ratio, 3)
                + " hyp_len = " + hypLen + " ref_len = " + refLen + ")";
    }

    private static List<Long> boxed(long[] a) {
        List<Long> out = new ArrayList<>(a.length);
        for (long x : a) {
            out.add(x);
        }
        return out;
    }

    private static List<Double> boxed(double[] a) {
        List<Double> out = new ArrayList<>(a.length);
        for (double x : a) {
            out.add(x);
        }
        return out;
    }
}
