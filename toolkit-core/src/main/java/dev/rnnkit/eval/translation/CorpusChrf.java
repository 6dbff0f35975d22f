package dev.rnnkit.eval.translation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Corpus chrF and chrF++ computed exactly as sacreBLEU's {@code CHRF} metric computes them.
 *
 * <p>{@link #sacreBleu()} has sacreBLEU's defaults: character n-grams of orders 1 to 6 taken from the
 * segment with all whitespace removed, no word n-grams, beta 2, case sensitive, and the "effective order"
 * averaging of sacreBLEU 2.x: per order the statistics are (hypothesis n-grams, reference n-grams, matches),
 * summed over the corpus; precision and recall are averaged over the orders where both the hypothesis and the
 * reference have n-grams, and the F-beta of those two averages, times 100, is the score.
 * {@link #withEpsSmoothing eps smoothing} instead averages per-order F-beta scores with chrF++.py's epsilon
 * for empty orders. {@link #chrfPlusPlus()} adds word unigrams and bigrams (chrF++), with chrF's primitive
 * split of one punctuation mark off the end (else the start) of each word.
 *
 * <p>With several references, each segment keeps the statistics of the reference with the highest
 * segment-level score (the first on a tie). A {@code null} reference is skipped. Instances are immutable
 * and thread-safe; {@link #accumulator()} scores segment by segment in bounded memory. Characters are
 * Unicode code points, as in Python.
 */
public final class CorpusChrf {

    /** sacreBLEU's {@code CHRF.CHAR_ORDER}. */
    public static final int DEFAULT_CHAR_ORDER = 6;
    /** sacreBLEU's {@code CHRF.WORD_ORDER}. */
    public static final int DEFAULT_WORD_ORDER = 0;
    /** sacreBLEU's {@code CHRF.BETA}. */
    public static final int DEFAULT_BETA = 2;

    private static final double EPS = 1e-16;
    private static final String PUNCTS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private final int charOrder;
    private final int wordOrder;
    private final int beta;
    private final boolean lowercase;
    private final boolean whitespace;
    private final boolean epsSmoothing;

    private CorpusChrf(int charOrder, int wordOrder, int beta, boolean lowercase, boolean whitespace, boolean epsSmoothing) {
        if (charOrder < 0 || wordOrder < 0 || charOrder + wordOrder == 0) {
            throw new IllegalArgumentException("orders must be non-negative and not both 0, got char " + charOrder + " word " + wordOrder);
        }
        this.charOrder = charOrder;
        this.wordOrder = wordOrder;
        this.beta = beta;
        this.lowercase = lowercase;
        this.whitespace = whitespace;
        this.epsSmoothing = epsSmoothing;
    }

    /** sacreBLEU's {@code CHRF()}: chrF2 with character order 6, no word n-grams, whitespace removed, effective order. */
    public static CorpusChrf sacreBleu() {
        return new CorpusChrf(DEFAULT_CHAR_ORDER, DEFAULT_WORD_ORDER, DEFAULT_BETA, false, false, false);
    }

    /** sacreBLEU's {@code CHRF(word_order=2)}: chrF2++. */
    public static CorpusChrf chrfPlusPlus() {
        return sacreBleu().withWordOrder(2);
    }

    /** The same metric with another character n-gram order ({@code char_order=}). */
    public CorpusChrf withCharOrder(int order) {
        return new CorpusChrf(order, wordOrder, beta, lowercase, whitespace, epsSmoothing);
    }

    /** The same metric with another word n-gram order ({@code word_order=}; 2 is chrF++). */
    public CorpusChrf withWordOrder(int order) {
        return new CorpusChrf(charOrder, order, beta, lowercase, whitespace, epsSmoothing);
    }

    /** The same metric with another beta, the weight of recall ({@code beta=}). */
    public CorpusChrf withBeta(int b) {
        return new CorpusChrf(charOrder, wordOrder, b, lowercase, whitespace, epsSmoothing);
    }

    /** The same metric, case-insensitive ({@code lowercase=True}) or not. */
    public CorpusChrf withLowercase(boolean lc) {
        return new CorpusChrf(charOrder, wordOrder, beta, lc, whitespace, epsSmoothing);
    }

    /** The same metric keeping whitespace inside character n-grams ({@code whitespace=True}) or not. */
    public CorpusChrf withWhitespace(boolean keep) {
        return new CorpusChrf(charOrder, wordOrder, beta, lowercase, keep, epsSmoothing);
    }

    /**
     * The same metric with chrF++.py / NLTK / Moses epsilon smoothing ({@code eps_smoothing=True}; signature
     * {@code eff:no}) or sacreBLEU's default effective-order averaging.
     */
    public CorpusChrf withEpsSmoothing(boolean on) {
        return new CorpusChrf(charOrder, wordOrder, beta, lowercase, whitespace, on);
    }

    /** The character n-gram order. */
    public int charOrder() {
        return charOrder;
    }

    /** The word n-gram order. */
    public int wordOrder() {
        return wordOrder;
    }

    /** Beta. */
    public int beta() {
        return beta;
    }

    /** The metric's name as sacreBLEU prints it: {@code chrF2}, {@code chrF2++}, ... */
    public String name() {
        return "chrF" + beta + "+".repeat(wordOrder);
    }

    /**
     * The signature sacreBLEU prints for this metric, e.g. {@code nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0}.
     *
     * @param nrefs references per segment; -1 for a variable number ({@code nrefs:var})
     */
    public String signature(int nrefs) {
        return "nrefs:" + (nrefs == -1 ? "var" : Integer.toString(nrefs))
                + "|case:" + (lowercase ? "lc" : "mixed")
                + "|eff:" + (epsSmoothing ? "no" : "yes")
                + "|nc:" + charOrder
                + "|nw:" + wordOrder
                + "|space:" + (whitespace ? "yes" : "no")
                + "|version:" + CorpusBleu.SACREBLEU_VERSION;
    }

    /**
     * Scores a corpus, as sacreBLEU's {@code CHRF.corpus_score(hypotheses, references)}.
     *
     * @param hypotheses one hypothesis per segment
     * @param references one list per reference stream, each as long as {@code hypotheses}; an element may be
     *     {@code null} where a segment has fewer references
     * @throws IllegalArgumentException when there is no reference stream, a stream's length differs from the
     *     number of hypotheses, or a segment is left without any reference
     */
    public ChrfScore score(List<String> hypotheses, List<? extends List<String>> references) {
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

    /** Scores one segment, as sacreBLEU's {@code CHRF.sentence_score(hypothesis, references)}. */
    public ChrfScore sentenceScore(String hypothesis, List<String> references) {
        return accumulator().add(hypothesis, references).result();
    }

    /** A fresh accumulator that adds segments one at a time and keeps only the summed statistics. */
    public Accumulator accumulator() {
        return new Accumulator();
    }

    /**
     * Computes the score from summed statistics, as sacreBLEU's {@code CHRF._compute_f_score}.
     *
     * @param statistics {@code 3 * (charOrder + wordOrder)} numbers: hypothesis n-grams, reference n-grams and
     *     matches for each character order, then each word order
     * @param nrefs the references per segment for the signature; -1 for a variable number
     */
    public ChrfScore fromStatistics(long[] statistics, int nrefs) {
        if (statistics.length != 3 * (charOrder + wordOrder)) {
            throw new IllegalArgumentException("expected " + 3 * (charOrder + wordOrder) + " statistics, got " + statistics.length);
        }
        return new ChrfScore(fScore(statistics), name(), charOrder, wordOrder, beta, statistics, signature(nrefs));
    }

    private double fScore(long[] stats) {
        int order = charOrder + wordOrder;
        int factor = beta * beta;
        double score = 0.0;
        int effectiveOrder = 0;
        double avgPrec = 0.0;
        double avgRec = 0.0;
        for (int i = 0; i < order; i++) {
            long nHyp = stats[3 * i];
            long nRef = stats[3 * i + 1];
            long nMatch = stats[3 * i + 2];
            double prec = nHyp > 0 ? (double) nMatch / (double) nHyp : EPS;
            double rec = nRef > 0 ? (double) nMatch / (double) nRef : EPS;
            double denom = factor * prec + rec;
            score += denom > 0 ? (1 + factor) * prec * rec / denom : EPS;
            if (nHyp > 0 && nRef > 0) {
                avgPrec += prec;
                avgRec += rec;
                effectiveOrder++;
            }
        }
        if (epsSmoothing) {
            return 100 * score / order;
        }
        if (effectiveOrder == 0) {
            avgPrec = 0.0;
            avgRec = 0.0;
        } else {
            avgPrec /= effectiveOrder;
            avgRec /= effectiveOrder;
        }
        if (avgPrec + avgRec != 0) {
            score = (1 + factor) * avgPrec * avgRec;
            score /= (factor * avgPrec) + avgRec;
            return 100 * score;
        }
        return 0.0;
    }

    /** Character n-grams of orders 1..charOrder, then word n-grams of orders 1..wordOrder. */
    private List<Map<String, Integer>> ngrams(String segment) {
        if (lowercase) {
            segment = PythonText.lower(segment);
        }
        List<Map<String, Integer>> out = new ArrayList<>(charOrder + wordOrder);
        int[] cps = (whitespace ? segment : PythonText.removeSpace(segment)).codePoints().toArray();
        for (int n = 1; n <= charOrder; n++) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i + n <= cps.length; i++) {
                counts.merge(new String(cps, i, n), 1, Integer::sum);
            }
            out.add(counts);
        }
        if (wordOrder > 0) {
            List<String> words = splitPunctuation(segment);
            for (int n = 1; n <= wordOrder; n++) {
                Map<String, Integer> counts = new HashMap<>();
                for (int i = 0; i + n <= words.size(); i++) {
                    counts.merge(String.join(" ", words.subList(i, i + n)), 1, Integer::sum);
                }
                out.add(counts);
            }
        }
        return out;
    }

    /**
     * {@code CHRF._remove_punctuation}: a word of two or more characters loses one punctuation mark from its
     * end, else from its start, which becomes a word of its own ({@code (hi)} gives {@code (hi} and {@code )}).
     */
    static List<String> splitPunctuation(String segment) {
        List<String> out = new ArrayList<>();
        for (String w : PythonText.split(segment)) {
            if (w.codePointCount(0, w.length()) == 1) {
                out.add(w);
            } else if (PUNCTS.indexOf(w.charAt(w.length() - 1)) >= 0) {
                out.add(w.substring(0, w.length() - 1));
                out.add(w.substring(w.length() - 1));
            } else if (PUNCTS.indexOf(w.charAt(0)) >= 0) {
                out.add(w.substring(0, 1));
                out.add(w.substring(1));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Adds segments one at a time, keeping only the summed statistics, so that memory does not grow with the
     * corpus. Not thread-safe; {@link #result()} may be called at any time and does not end accumulation.
     */
    public final class Accumulator {

        private final long[] stats = new long[3 * (charOrder + wordOrder)];
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
            List<Map<String, Integer>> hyp = ngrams(hypothesis);
            long[] best = null;
            double bestF = -1.0;
            int refs = 0;
            for (String ref : references) {
                if (ref == null) {
                    continue;
                }
                refs++;
                List<Map<String, Integer>> refNgrams = ngrams(ref);
                long[] s = new long[stats.length];
                for (int i = 0; i < hyp.size(); i++) {
                    Map<String, Integer> h = hyp.get(i);
                    Map<String, Integer> r = refNgrams.get(i);
                    long hypCount = 0;
                    long match = 0;
                    for (Map.Entry<String, Integer> e : h.entrySet()) {
                        hypCount += e.getValue();
                        Integer inRef = r.get(e.getKey());
                        if (inRef != null) {
                            match += Math.min(e.getValue(), inRef);
                        }
                    }
                    long refCount = 0;
                    for (int c : r.values()) {
                        refCount += c;
                    }
                    // CHRF._get_match_statistics: hypothesis n-grams are not counted where the reference has none.
                    s[3 * i] = r.isEmpty() ? 0 : hypCount;
                    s[3 * i + 1] = refCount;
                    s[3 * i + 2] = match;
                }
                double f = fScore(s);
                if (f > bestF) {
                    bestF = f;
                    best = s;
                }
            }
            if (best == null) {
                throw new IllegalArgumentException("segment " + segments + " has no reference");
            }
            for (int i = 0; i < stats.length; i++) {
                stats[i] += best[i];
            }
            referenceCounts.add(refs);
            segments++;
            return this;
        }

        /** Segments added so far. */
        public long segments() {
            return segments;
        }

        /** The score of the segments added so far (0 with {@code nrefs:0} when none; sacreBLEU rejects an empty corpus). */
        public ChrfScore result() {
            int nrefs = referenceCounts.isEmpty() ? 0 : referenceCounts.size() == 1 ? referenceCounts.first() : -1;
            return fromStatistics(stats.clone(), nrefs);
        }
    }
}
