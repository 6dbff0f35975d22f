package dev.rnnkit.eval.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnkit.eval.translation.CorpusBleu.Smoothing;
import dev.rnnkit.eval.translation.CorpusBleu.Tokenization;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected values are sacreBLEU's own (v2.6.0, github.com/mjpost/sacrebleu): each test names the file and
 * the test (or parameter list) of sacreBLEU's test suite it is ported from, and uses that test's tolerance.
 */
class BleuTest {

    // test/test_bleu.py: EPSILON
    private static final double EPSILON = 1e-8;

    // test/test_bleu.py: _refs and _hyps (the README example), two reference streams.
    static final List<List<String>> REFS = List.of(
            List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
            List.of("The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."));
    static final List<String> HYPS = List.of(
            "The dog bit the man.",
            "It wasn't surprising.",
            "The man had just bitten him.");

    /** sacreBLEU's {@code compat.raw_corpus_bleu}: no tokenisation, floor smoothing, effective order. */
    private static BleuScore rawCorpusBleu(List<String> hyps, List<List<String>> refs, Double smoothValue) {
        CorpusBleu bleu = CorpusBleu.sacreBleu().withTokenization(Tokenization.NONE).withEffectiveOrder(true);
        bleu = smoothValue == null ? bleu.withSmoothing(Smoothing.FLOOR) : bleu.withSmoothing(Smoothing.FLOOR, smoothValue);
        return bleu.score(hyps, refs);
    }

    // test/test_bleu.py: test_corpus_bleu with test_corpus_bleu_cases (the 'intl' tokeniser case is not ported).
    @Test
    void corpusBleuDefaults() {
        BleuScore s = CorpusBleu.sacreBleu().score(HYPS, REFS);
        assertEquals(48.530827, s.score(), EPSILON);
        assertEquals(48.530827, CorpusBleu.sacreBleu().withTokenization(Tokenization.THIRTEEN_A).score(HYPS, REFS).score(), EPSILON);
        assertEquals(48.530827, CorpusBleu.sacreBleu().withSmoothing(Smoothing.NONE).score(HYPS, REFS).score(), EPSILON);
        assertEquals(49.1919566, CorpusBleu.sacreBleu().withTokenization(Tokenization.NONE).score(HYPS, REFS).score(), EPSILON);
        // ensure that empty hypotheses are not removed
        assertEquals(0.0, CorpusBleu.sacreBleu().score(List.of("", "", ""), REFS).score(), EPSILON);
    }

    // sacreBLEU's README.md, "Using SacreBLEU from Python" (In [3]/Out[3], In [4]/Out[4]; printed by version
    // 2.0.0) gives this line and signature for the same data; only the version field differs here.
    @Test
    void verboseLineAndSignature() {
        BleuScore s = CorpusBleu.sacreBleu().score(HYPS, REFS);
        assertEquals("82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)", s.verbose());
        assertEquals("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", s.signature());
        assertEquals("BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 = 48.53 "
                + "82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)", s.format(2));
        assertEquals(17, s.hypLen());
        assertEquals(18, s.refLen());
        assertEquals(17.0 / 18, s.ratio(), 1e-15);
        assertEquals(Math.exp(1 - 18.0 / 17), s.bp(), 1e-15);
    }

    // test/test_bleu.py: test_raw_bleu with test_raw_bleu_cases (raw_corpus_bleu(..., .01), score / 100).
    @Test
    void rawBleu() {
        assertEquals(0.0, rawCorpusBleu(List.of("this is a test", "another test"), List.of(List.of("ref1", "ref2")), .01).score() / 100, EPSILON);
        assertEquals(1.0, rawCorpusBleu(List.of("this is a test"), List.of(List.of("this is a test")), .01).score() / 100, EPSILON);
        assertEquals(0.223606797749979, rawCorpusBleu(List.of("this is a fest"), List.of(List.of("this is a test")), .01).score() / 100, EPSILON);
    }

    // test/test_bleu.py: test_effective_order with test_case_effective_order.
    @Test
    void effectiveOrder() {
        assertEquals(0.3678794411714425, rawCorpusBleu(List.of("test"), List.of(List.of("a test")), .01).score() / 100, EPSILON);
        assertEquals(1.0, rawCorpusBleu(List.of("a test"), List.of(List.of("a test")), .01).score() / 100, EPSILON);
        assertEquals(0.03218297948685433, rawCorpusBleu(List.of("a little test"), List.of(List.of("a test")), .01).score() / 100, EPSILON);
    }

    // test/test_bleu.py: test_statistics with test_case_statistics.
    @Test
    void statistics() {
        BleuScore s = rawCorpusBleu(List.of("am I am a character sequence"), List.of(List.of("I am a symbol string sequence a a")), .01);
        assertEquals(List.of(4L, 2L, 1L, 0L), s.counts());
        assertEquals(List.of(6L, 5L, 4L, 3L), s.totals());
    }

    // test/test_bleu.py: test_scoring with test_case_scoring (BLEU.compute_bleu, default smooth_method='none').
    @Test
    void scoringFromStatistics() {
        BleuScore s = CorpusBleu.sacreBleu().withSmoothing(Smoothing.NONE)
                .fromStatistics(11, 11, new long[] {9, 7, 5, 3}, new long[] {10, 8, 6, 4}, 1);
        assertEquals(0.8375922397, s.score() / 100, EPSILON);
    }

    // test/test_bleu.py: test_offset with test_case_offset.
    @Test
    void offset() {
        List<String> hyp = List.of("am I am a character sequence");
        List<List<String>> ref = List.of(List.of("I am a symbol string sequence a a"));
        assertEquals(0, rawCorpusBleu(hyp, ref, 0.0).score() / 100, EPSILON);
        assertEquals(0.1555722182, rawCorpusBleu(hyp, ref, null).score() / 100, EPSILON);
        assertEquals(0.1555722182, rawCorpusBleu(hyp, ref, 0.1).score() / 100, EPSILON);
    }

    // test/test_bleu.py: test_degenerate_statistics with test_case_degenerate_stats (floor smoothing; exact 0).
    @ParameterizedTest
    @CsvSource({
        "0 0 0 0, 4 4 2 1, 0, 1, 0.0",
        "0 0 0 0, 10 11 12 0, 14, 10, 0.0",
        "0 0 0 0, 0 0 0 0, 0, 0, 0.0",
        "6 5 4 0, 6 5 4 3, 6, 6, 0.0",
        "0 0 0 0, 0 0 0 0, 0, 0, 0.1",
        "0 0 0 0, 0 0 0 0, 1, 5, 0.01",
    })
    void degenerateStatistics(String common, String total, long sysLen, long refLen, double offset) {
        BleuScore s = CorpusBleu.sacreBleu().withSmoothing(Smoothing.FLOOR, offset)
                .fromStatistics(sysLen, refLen, longs(common), longs(total), 1);
        assertEquals(0.0, s.score() / 100);
    }

    // test/test_bleu.py: test_max_ngram_order with test_bleu_max_order (compared as f"{score:.2f}").
    @ParameterizedTest
    @CsvSource({"1, 77.65", "2, 60.50", "3, 53.93", "4, 48.53", "5, 46.14", "6, 43.28"})
    void maxNgramOrder(int order, String expected) {
        BleuScore s = CorpusBleu.sacreBleu().withMaxNgramOrder(order).score(HYPS, REFS);
        assertEquals(expected, PythonText.fixed(s.score(), 2));
        assertEquals(order, s.precisions().size());
    }

    // test/test_sentence_bleu.py: test_api_sentence_bleu with test_cases (REF/SYS from sacreBLEU issue #98,
    // effective_order=True, EPSILON 1e-3). The 'intl' and 'char' tokeniser cases are not ported.
    private static final String REF = "producţia de zahăr brut se exprimă în zahăr alb;";
    private static final String SYS = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";

    @ParameterizedTest
    @CsvSource({
        "exp, , 13a, 8.493",
        "none, , 13a, 0.0",
        "floor, , 13a, 4.51688",
        "floor, 0.1, 13a, 4.51688",
        "floor, 0.5, 13a, 10.10",
        "add-k, , 13a, 14.882",
        "add-k, 1, 13a, 14.882",
        "add-k, 2, 13a, 21.389",
        "exp, , none, 7.347",
    })
    void sentenceBleu(String method, Double value, String tok, double expected) {
        CorpusBleu bleu = configured(method, value, tok);
        assertEquals(expected, bleu.sentenceScore(SYS, List.of(REF)).score(), 1e-3);
    }

    // test/test_sentence_bleu.py: test_api_sentence_bleu_zero with test_cases_zero_bleu (sacreBLEU issue #141).
    @ParameterizedTest
    @CsvSource({"exp, ", "none, ", "floor, ", "floor, 0.1", "add-k, ", "add-k, 1"})
    void sentenceBleuZero(String method, Double value) {
        CorpusBleu bleu = configured(method, value, "13a");
        assertEquals(0.0, bleu.sentenceScore("this is a cat", List.of("okay thanks")).score(), 1e-3);
    }

    private static CorpusBleu configured(String method, Double value, String tok) {
        Smoothing smoothing = Arrays.stream(Smoothing.values()).filter(s -> s.id().equals(method)).findFirst().orElseThrow();
        CorpusBleu bleu = CorpusBleu.sacreBleu().withEffectiveOrder(true)
                .withTokenization(tok.equals("13a") ? Tokenization.THIRTEEN_A : Tokenization.NONE);
        return value == null ? bleu.withSmoothing(smoothing) : bleu.withSmoothing(smoothing, value);
    }

    // Signature fields as BLEUSignature writes them (sacrebleu/metrics/bleu.py, base.py Signature.format).
    @Test
    void signatures() {
        assertEquals("nrefs:1|case:lc|eff:yes|tok:none|smooth:floor[0.10]|version:2.6.0",
                CorpusBleu.sacreBleu().withLowercase(true).withEffectiveOrder(true).withTokenization(Tokenization.NONE)
                        .withSmoothing(Smoothing.FLOOR).signature(1));
        assertEquals("nrefs:var|case:mixed|eff:no|tok:13a|smooth:add-k[2.00]|version:2.6.0",
                CorpusBleu.sacreBleu().withSmoothing(Smoothing.ADD_K, 2).signature(-1));
    }

    // sacreBLEU's README.md, "Variable Number of References" (printed by version 2.0.0): the first reference
    // of the first segment removed. The README says None or ''; in sacreBLEU's code (base.py
    // _cache_references) only None is dropped and gives nrefs:var, while '' is an empty reference that gives
    // the same score with nrefs:2.
    @Test
    void variableReferences() {
        List<String> first = Arrays.asList(null, "It was not unexpected.", "The man bit him first.");
        BleuScore s = CorpusBleu.sacreBleu().score(HYPS, List.of(first, REFS.get(1)));
        assertEquals("29.44", PythonText.fixed(s.score(), 2));
        assertEquals("82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17 ref_len = 19)", s.verbose());
        assertEquals("nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", s.signature());
        BleuScore empty = CorpusBleu.sacreBleu().score(HYPS, List.of(List.of("", first.get(1), first.get(2)), REFS.get(1)));
        assertEquals(s.score(), empty.score());
        assertEquals("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", empty.signature());
    }

    @Test
    void accumulatorEqualsWholeCorpus() {
        CorpusBleu.Accumulator acc = CorpusBleu.sacreBleu().accumulator();
        for (int i = 0; i < HYPS.size(); i++) {
            acc.add(HYPS.get(i), REFS.get(0).get(i), REFS.get(1).get(i));
        }
        assertEquals(CorpusBleu.sacreBleu().score(HYPS, REFS), acc.result());
        assertEquals(3, acc.segments());
    }

    @Test
    void rejectsMismatchedStreamsAndMissingReferences() {
        assertThrows(IllegalArgumentException.class, () -> CorpusBleu.sacreBleu().score(HYPS, List.of(List.of("a"))));
        assertThrows(IllegalArgumentException.class, () -> CorpusBleu.sacreBleu().score(HYPS, List.of()));
        assertThrows(IllegalArgumentException.class, () -> CorpusBleu.sacreBleu().accumulator().add("a", (String) null));
    }

    private static long[] longs(String spaced) {
        return Arrays.stream(spaced.trim().split(" +")).mapToLong(Long::parseLong).toArray();
    }
}
