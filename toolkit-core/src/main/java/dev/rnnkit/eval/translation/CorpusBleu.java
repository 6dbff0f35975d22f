package dev.rnnkit.eval.translation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Corpus BLEU computed exactly as sacreBLEU's {@code BLEU} metric computes it.
 *
 * <p>{@link #sacreBleu()} has sacreBLEU's defaults: {@code 13a} tokenisation of detokenised text, case
 * sensitive, n-grams up to 4, {@code exp} smoothing, no effective order, one or more references per segment.
 * For every segment the hypothesis n-gram counts are clipped by the largest count of that n-gram in any of
 * the segment's references, and the reference length is that of the reference closest in length to the
 * hypothesis (the shorter one on a tie). Hypothesis length, reference length, matches and totals per order
 * are summed over the corpus and only then turned into precisions, brevity penalty and score
 * ({@code BLEU.compute_bleu}). Each segment is right-stripped (and lower-cased if asked) before tokenising.
 *
 * <p>Instances are immutable and thread-safe. {@link #score(List, List)} takes the references as sacreBLEU's
 * {@code refs} argument does, one list per reference stream; {@link #accumulator()} scores segment by
 * segment in bounded memory. A {@code null} reference is skipped, so segments may have different numbers of
 * references ({@code nrefs:var} in the signature), as in sacreBLEU's API; an empty string is a reference.
 */
public final class CorpusBleu {

    /** The sacreBLEU release whose behaviour (and signature format) this class reproduces. */
    public static final String SACREBLEU_VERSION = "2.6.0";

    /** sacreBLEU's {@code MAX_NGRAM_ORDER}. */
    public static final int DEFAULT_MAX_NGRAM_ORDER = 4;

    /** The smoothing methods of sacreBLEU's {@code BLEU.compute_bleu} (Chen and Cherry, 2014). */
    public enum Smoothing {
        /** No smoothing; a zero precision makes the score 0. */
        NONE("none", Double.NaN),
        /** Method 1: a zero match count is replaced by the smoothing value (default 0.1). */
        FLOOR("floor", 0.1),
        /** Method 2: the value (default 1) is added to matches and totals of every order above 1. */
        ADD_K("add-k", 1),
        /** Method 3, as in mteval-v13a: the k-th zero precision becomes {@code 1 / (2^k * total)}; sacreBLEU's default. */
        EXP("exp", Double.NaN);

        private final String id;
        private final double defaultValue;

        Smoothing(String id, double defaultValue) {
            this.id = id;
            this.defaultValue = defaultValue;
        }

        /** sacreBLEU's name for the method ({@code smooth_method}). */
        public String id() {
            return id;
        }

        /** Whether the method takes a value ({@code floor} and {@code add-k}). */
        public boolean takesValue() {
            return !Double.isNaN(defaultValue);
        }

        /** sacreBLEU's default value ({@code BLEU.SMOOTH_DEFAULTS}); NaN for a method that takes none. */
        public double defaultValue() {
            return defaultValue;
        }
    }

    /** The tokenisers offered; sacreBLEU has more (zh, intl, char, ja-mecab, ko-mecab, spm), which are not ported. */
    public enum Tokenization {
        /** {@link Tokenizer13a}, sacreBLEU's default. */
        THIRTEEN_A(Tokenizer13a.SIGNATURE),
        /** No tokenisation: tokens are the whitespace-separated words of the (right-stripped) segment. */
        NONE("none");

        private final String id;

        Tokenization(String id) {
            this.id = id;
        }

        /** sacreBLEU's name for the tokeniser, as in {@code tok:} of the signature. */
        public String id() {
            return id;
        }

        String apply(String line) {
            return this == THIRTEEN_A ? Tokenizer13a.tokenize(line) : line;
        }
    }

    private final Tokenization tokenization;
    private final boolean lowercase;
    private final Smoothing smoothing;
    private final double smoothValue;
    private final int maxNgramOrder;
    private final boolean effectiveOrder;

    private CorpusBleu(Tokenization tokenization, boolean lowercase, Smoothing smoothing, double smoothValue,
            int maxNgramOrder, boolean effectiveOrder) {
        this.tokenization = Objects.requireNonNull(tokenization, "tokenization");
        this.lowercase = lowercase;
        this.smoothing = Objects.requireNonNull(smoothing, "smoothing");
        this.smoothValue = smoothValue;
        if (maxNgramOrder < 1) {
            throw new IllegalArgumentException("maxNgramOrder must be at least 1, got " + maxNgramOrder);
        }
        this.maxNgramOrder = maxNgramOrder;
        this.effectiveOrder = effectiveOrder;
    }

    /** sacreBLEU's {@code BLEU()}: 13a, case-sensitive, 4-grams, exp smoothing, no effective order. */
    public static CorpusBleu sacreBleu() {
        return new CorpusBleu(Tokenization.THIRTEEN_A, false, Smoothing.EXP, Double.NaN, DEFAULT_MAX_NGRAM_ORDER, false);
    }

    /** The same metric with another tokeniser ({@code tokenize=}). */
    public CorpusBleu withTokenization(Tokenization t) {
        return new CorpusBleu(t, lowercase, smoothing, smoothValue, maxNgramOrder, effectiveOrder);
    }

    /** The same metric, case-insensitive ({@code lowercase=True}) or not. */
    public CorpusBleu withLowercase(boolean lc) {
        return new CorpusBleu(tokenization, lc, smoothing, smoothValue, maxNgramOrder, effectiveOrder);
    }

    /** The same metric with another smoothing method and its default value ({@code smooth_value=None}). */
    public CorpusBleu withSmoothing(Smoothing s) {
        return new CorpusBleu(tokenization, lowercase, s, Double.NaN, maxNgramOrder, effectiveOrder);
    }

    /**
     * The same metric with a smoothing method and an explicit value ({@code smooth_value=}); the value only
     * matters to {@code floor} and {@code add-k}.
     */
    public CorpusBleu withSmoothing(Smoothing s, double value) {
        if (Double.isNaN(value) || value < 0) {
            throw new IllegalArgumentException("smoothing value must be a non-negative number, got " + value);
        }
        return new CorpusBleu(tokenization, lowercase, s, value, maxNgramOrder, effectiveOrder);
    }

    /** The same metric with another maximum n-gram order ({@code max_ngram_order=}). */
    public CorpusBleu withMaxNgramOrder(int order) {
        return new CorpusBleu(tokenization, lowercase, smoothing, smoothValue, order, effectiveOrder);
    }

    /**
     * The same metric with effective order on or off ({@code effective_order=}): when on, the geometric mean
     * stops at the last order that has any hypothesis n-gram (meant for sentence-level BLEU).
     */
    public CorpusBleu withEffectiveOrder(boolean on) {
        return new CorpusBleu(tokenization, lowercase, smoothing, smoothValue, maxNgramOrder, on);
    }

    /** The tokeniser. */
    public Tokenization tokenization() {
        return tokenization;
    }

    /** Whether segments are lower-cased before tokenising. */
    public boolean lowercase() {
        return lowercase;
    }

    /** The smoothing method. */
    public Smoothing smoothing() {
        return smoothing;
    }

    /** The smoothing value in effect: the explicit one, else the method's default (NaN for none and exp). */
    public double smoothValue() {
        return Double.isNaN(smoothValue) ? smoothing.defaultValue() : smoothValue;
    }

    /** The maximum n-gram order. */
    public int maxNgramOrder() {
        return maxNgramOrder;
    }

    /** Whether effective order is on. */
    public boolean effectiveOrder() {
        return effectiveOrder;
    }

    /**
     * Scores a corpus, as sacreBLEU's {@code BLEU.corpus_score(hypotheses, references)}.
     *
     * @param hypotheses one detokenised hypothesis per segment
     * @param references one list per reference stream, each as long as {@code hypotheses}; an element may be
     *     {@code null} where a segment has fewer references
     * @throws IllegalArgumentException when there is no reference stream, a stream's length differs from the
     *     number of hypotheses, or a segment is left without any reference
     */
    public BleuScore score(List<String> hypotheses, List<? extends List<String>> references) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("at least one reference stream is needed");
        }
        for (int r = 0; r < references.size(); r++) {
            if (references.get(r).size() != hypotheses.size()) {
                throw new IllegalArgumentException("reference stream " + r + " has " + references.get(r).size()
                        + " segments but there are " + hypotheses.size() + " hypotheses");
            }
        }
        Accumulator acc = accumulator();
        String[] refs = new String[references.size()];
        for (int i = 0; i < hypotheses.size(); i++) {
            for (int r = 0; r < refs.length; r++) {
                refs[r] = references.get(r).get(i);
            }
            acc.add(hypotheses.get(i), refs);
        }
        return acc.result();
    }

    /**
     * Scores one segment, as sacreBLEU's {@code BLEU.sentence_score(hypothesis, references)}: a corpus of one
     * segment. sacreBLEU recommends {@link #withEffectiveOrder effective order} for this.
     */
    public BleuScore sentenceScore(String hypothesis, List<String> references) {
        return accumulator().add(hypothesis, references).result();
    }

    /** A fresh accumulator that adds segments one at a time and keeps only the summed statistics. */
    public Accumulator accumulator() {
        return new Accumulator();
    }

    /**
     * Computes the score from corpus-level sufficient statistics, as sacreBLEU's {@code BLEU.compute_bleu}
     * with this metric's smoothing, effective order and maximum order.
     *
     * @param hypLen summed hypothesis length in tokens
     * @param refLen summed closest-reference length in tokens
     * @param correct clipped n-gram matches per order (1..max order)
     * @param total hypothesis n-grams per order
     * @param nrefs the references per segment for the signature; -1 for a variable number
     */
    public BleuScore fromStatistics(long hypLen, long refLen, long[] correct, long[] total, int nrefs) {
        int n = maxNgramOrder;
        if (correct.length != n || total.length != n) {
            throw new IllegalArgumentException("expected " + n + " orders of statistics, got " + correct.length + " and " + total.length);
        }
        double bp = 1.0;
        if (hypLen < refLen) {
            bp = hypLen > 0 ? Math.exp(1 - (double) refLen / (double) hypLen) : 0.0;
        }
        double[] precisions = new double[n];
        String signature = signature(nrefs);
        boolean anyCorrect = false;
        for (long c : correct) {
            anyCorrect |= c != 0;
        }
        if (!anyCorrect) {
            return new BleuScore(0.0, correct, total, precisions, bp, hypLen, refLen, signature);
        }
        double value = smoothValue();
        double[] c = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = correct[i];
            t[i] = total[i];
        }
        double smoothMteval = 1.0;
        int effOrder = n;
        for (int order = 1; order <= n; order++) {
            int i = order - 1;
            if (smoothing == Smoothing.ADD_K && order > 1) {
                c[i] += value;
                t[i] += value;
            }
            if (t[i] == 0) {
                break;
            }
            if (effectiveOrder) {
                effOrder = order;
            }
            if (c[i] == 0) {
                if (smoothing == Smoothing.EXP) {
                    smoothMteval *= 2;
                    precisions[i] = 100. / (smoothMteval * t[i]);
                } else if (smoothing == Smoothing.FLOOR) {
                    precisions[i] = 100. * value / t[i];
                }
            } else {
                precisions[i] = 100. * c[i] / t[i];
            }
        }
        double sum = 0;
        for (int i = 0; i < effOrder; i++) {
            sum += myLog(precisions[i]);
        }
        double score = bp * Math.exp(sum / effOrder);
        return new BleuScore(score, correct, total, precisions, bp, hypLen, refLen, signature);
    }

    /** sacreBLEU's {@code utils.my_log}: the natural log, with log(0) floored at -9999999999. */
    private static double myLog(double x) {
        return x == 0.0 ? -9999999999.0 : Math.log(x);
    }

    /**
     * The signature sacreBLEU prints for this metric, e.g.
     * {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0}.
     *
     * @param nrefs references per segment; -1 for a variable number ({@code nrefs:var})
     */
    public String signature(int nrefs) {
        String smooth = smoothing.id();
        if (smoothing.takesValue()) {
            smooth += "[" + PythonText.fixed(smoothValue(), 2) + "]";
        }
        return "nrefs:" + (nrefs == -1 ? "var" : Integer.toString(nrefs))
                + "|case:" + (lowercase ? "lc" : "mixed")
                + "|eff:" + (effectiveOrder ? "yes" : "no")
                + "|tok:" + tokenization.id()
                + "|smooth:" + smooth
                + "|version:" + SACREBLEU_VERSION;
    }

    String preprocess(String segment) {
        if (lowercase) {
            segment = PythonText.lower(segment);
        }
        return tokenization.apply(PythonText.rstrip(segment));
    }

    /** n-gram counts of orders 1..max, keyed by the tokens joined with single spaces (tokens hold no whitespace). */
    private Map<String, Integer> ngrams(List<String> tokens) {
        Map<String, Integer> counts = new HashMap<>();
        StringBuilder b = new StringBuilder();
        for (int n = 1; n <= maxNgramOrder; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                b.setLength(0);
                for (int j = i; j < i + n; j++) {
                    if (j > i) {
                        b.append(' ');
                    }
                    b.append(tokens.get(j));
                }
                counts.merge(b.toString(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static int order(String ngram) {
        int spaces = 0;
        for (int i = 0; i < ngram.length(); i++) {
            if (ngram.charAt(i) == ' ') {
                spaces++;
            }
        }
        return spaces + 1;
    }

    /**
     * Adds segments one at a time, keeping only the corpus sums (lengths, matches and totals per order), so
     * that memory does not grow with the corpus. Not thread-safe; {@link #result()} may be called at any time
     * and does not end accumulation.
     */
    public final class Accumulator {

        private long hypLen;
        private long refLen;
        private final long[] correct = new long[maxNgramOrder];
        private final long[] total = new long[maxNgramOrder];
        private final TreeSet<Integer> referenceCounts = new TreeSet<>();
        private long segments;

        private Accumulator() {
        }

        /** Adds one segment: its hypothesis and its references ({@code null} ones are skipped). */
        public Accumulator add(String hypothesis, String... references) {
            return add(hypothesis, Arrays.asList(references));
        }

        /**
         * Adds one segment: its hypothesis and its references ({@code null} ones are skipped).
         *
         * @throws IllegalArgumentException when no reference is left
         */
        public Accumulator add(String hypothesis, List<String> references) {
            Objects.requireNonNull(hypothesis, "hypothesis");
            Map<String, Integer> refNgrams = null;
            List<Integer> refLens = new ArrayList<>();
            for (String ref : references) {
                if (ref == null) {
                    continue;
                }
                List<String> tokens = PythonText.split(preprocess(ref));
                refLens.add(tokens.size());
                Map<String, Integer> these = ngrams(tokens);
                if (refNgrams == null) {
                    refNgrams = these;
                } else {
                    for (Map.Entry<String, Integer> e : these.entrySet()) {
                        refNgrams.merge(e.getKey(), e.getValue(), Math::max);
                    }
                }
            }
            if (refNgrams == null) {
                throw new IllegalArgumentException("segment " + segments + " has no reference");
            }
            List<String> hypTokens = PythonText.split(preprocess(hypothesis));
            int len = hypTokens.size();
            // BLEU._get_closest_ref_len: the smallest |hyp - ref|, the shorter reference on a tie.
            int closestDiff = -1;
            int closestLen = -1;
            for (int r : refLens) {
                int diff = Math.abs(len - r);
                if (closestDiff == -1 || diff < closestDiff) {
                    closestDiff = diff;
                    closestLen = r;
                } else if (diff == closestDiff && r < closestLen) {
                    closestLen = r;
                }
            }
            for (Map.Entry<String, Integer> e : ngrams(hypTokens).entrySet()) {
                int i = order(e.getKey()) - 1;
                total[i] += e.getValue();
                Integer inRef = refNgrams.get(e.getKey());
                if (inRef != null) {
                    correct[i] += Math.min(e.getValue(), inRef);
                }
            }
            hypLen += len;
            refLen += closestLen;
            referenceCounts.add(refLens.size());
            segments++;
            return this;
        }

        /** Segments added so far. */
        public long segments() {
            return segments;
        }

        /**
         * The score of the segments added so far. With none, the score is 0 with {@code nrefs:0} (sacreBLEU
         * rejects an empty corpus).
         */
        public BleuScore result() {
            int nrefs = referenceCounts.isEmpty() ? 0 : referenceCounts.size() == 1 ? referenceCounts.first() : -1;
            return fromStatistics(hypLen, refLen, correct.clone(), total.clone(), nrefs);
        }
    }
}
