package dev.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaggingMetricsTest {

    private static List<String> tags(String line) {
        return line.isEmpty() ? List.of() : Arrays.asList(line.split(" "));
    }

    /** Scores sentences written as space-separated tags, sentences separated by {@code /}. */
    private static TaggingReport evaluate(TagScheme scheme, String gold, String predicted) {
        return TaggingMetrics.evaluate(sentences(gold), sentences(predicted), scheme);
    }

    private static List<List<String>> sentences(String text) {
        return Arrays.stream(text.split("/", -1)).map(String::strip).map(TaggingMetricsTest::tags).toList();
    }

    private static List<EntitySpan> spans(String line, TagScheme scheme) {
        return EntityChunker.spans(tags(line), scheme);
    }

    private static EntitySpan span(String type, int start, int end) {
        return new EntitySpan(type, start, end);
    }

    @Test
    void iTagAfterOStartsAChunk() {
        assertEquals(List.of(span("PER", 1, 3)), spans("O I-PER I-PER O", TagScheme.IOB2));
    }

    @Test
    void typeChangeInsideAChunkSplitsIt() {
        // I-LOC after B-PER: PER ends at the type change, LOC starts there.
        assertEquals(List.of(span("PER", 0, 1), span("LOC", 1, 2)), spans("B-PER I-LOC", TagScheme.IOB2));
    }

    @Test
    void chunkRunningToSentenceEndIsClosed() {
        assertEquals(List.of(span("ORG", 1, 3)), spans("O B-ORG I-ORG", TagScheme.IOB2));
    }

    @Test
    void adjacentSameTypeChunksInIob1AndIob2() {
        // IOB1: B- only marks the second of two touching PER chunks.
        assertEquals(List.of(span("PER", 0, 2), span("PER", 2, 3)), spans("I-PER I-PER B-PER", TagScheme.IOB1));
        assertEquals(List.of(span("PER", 0, 3)), spans("I-PER I-PER I-PER", TagScheme.IOB1));
        // IOB2: every chunk opens with B-.
        assertEquals(List.of(span("PER", 0, 2), span("PER", 2, 3)), spans("B-PER I-PER B-PER", TagScheme.IOB2));
        assertEquals(List.of(span("PER", 0, 1), span("PER", 1, 2)), spans("B-PER B-PER", TagScheme.IOB2));
    }

    @Test
    void iobesSingletonsAndEnds() {
        assertEquals(List.of(span("PER", 0, 1), span("PER", 1, 2)), spans("S-PER S-PER", TagScheme.IOBES));
        assertEquals(List.of(span("LOC", 0, 3), span("LOC", 3, 4)), spans("B-LOC I-LOC E-LOC S-LOC", TagScheme.IOBES));
        // E after E, and I after E, open new chunks.
        assertEquals(List.of(span("LOC", 0, 2), span("LOC", 2, 3), span("LOC", 3, 4)), spans("B-LOC E-LOC E-LOC I-LOC", TagScheme.IOBES));
    }

    @Test
    void plainTagsMergeNeighboursOfOneType() {
        assertEquals(List.of(span("PER", 0, 2), span("LOC", 2, 3), span("LOC", 4, 5)), spans("PER PER LOC O LOC", TagScheme.PLAIN));
    }

    @Test
    void typesMayContainHyphens() {
        assertEquals(List.of(span("B-X", 0, 2)), spans("B-B-X I-B-X", TagScheme.IOB2));
    }

    @Test
    void emptySentenceHasNoChunks() {
        assertEquals(List.of(), spans("", TagScheme.IOB2));
    }

    private static final String CASE_A_GOLD = "B-PER I-PER O B-LOC O B-ORG I-ORG";
    private static final String CASE_A_PREDICTED = "B-PER I-PER O B-ORG O B-ORG O";
    private static final String CASE_B_GOLD = "O B-PER I-PER O B-LOC I-LOC";
    private static final String CASE_B_PREDICTED = "O I-PER I-PER O B-PER I-LOC";

    /** Hand-worked cases with the summary conlleval prints for them (counts derived in the comments). */
    static Stream<Arguments> conllevalVectors() {
        return Stream.of(
                /*
                 * Case A (IOB2), one sentence of 7 tokens:
                 *   gold: B-PER I-PER O B-LOC O B-ORG I-ORG -> PER[0,2) LOC[3,4) ORG[5,7) (ORG runs to the sentence end)
                 *   pred: B-PER I-PER O B-ORG O B-ORG O     -> PER[0,2) ORG[3,4) (right span, wrong type), ORG[5,6) (partial overlap)
                 * correct: PER only. PER 1/1/1, LOC gold 1 found 0, ORG gold 1 found 2 correct 0.
                 * overall: correct 1 of found 3, gold 3 -> P = R = F = 33.33%.
                 * tokens: 5 of 7 tags equal (positions 3 and 6 differ) -> 71.43%.
                 */
                Arguments.of(TagScheme.IOB2, CASE_A_GOLD, CASE_A_PREDICTED, """
                        processed 7 tokens with 3 phrases; found: 3 phrases; correct: 1.
                        accuracy:  71.43%; precision:  33.33%; recall:  33.33%; FB1:  33.33
                                      LOC: precision:   0.00%; recall:   0.00%; FB1:   0.00  0
                                      ORG: precision:   0.00%; recall:   0.00%; FB1:   0.00  2
                                      PER: precision: 100.00%; recall: 100.00%; FB1: 100.00  1
                        """),
                /*
                 * Case B (IOB2 data with ill-formed predictions), 6 tokens:
                 *   gold: O B-PER I-PER O B-LOC I-LOC -> PER[1,3) LOC[4,6)
                 *   pred: O I-PER I-PER O B-PER I-LOC -> PER[1,3) (I- after O opens a chunk, as in conlleval),
                 *                                        PER[4,5) LOC[5,6) (the type change splits the chunk)
                 * correct: PER[1,3). PER: found 2, gold 1, correct 1 -> P 50, R 100, F 66.67. LOC: found 1, correct 0.
                 * overall: correct 1, found 3, gold 2 -> P 33.33, R 50.00, F 2*33.33*50/83.33 = 40.00.
                 * tokens: 4 of 6 equal (1: B-PER/I-PER, 4: B-LOC/B-PER differ) -> 66.67%.
                 */
                Arguments.of(TagScheme.IOB2, CASE_B_GOLD, CASE_B_PREDICTED, """
                        processed 6 tokens with 2 phrases; found: 3 phrases; correct: 1.
                        accuracy:  66.67%; precision:  33.33%; recall:  50.00%; FB1:  40.00
                                      LOC: precision:   0.00%; recall:   0.00%; FB1:   0.00  1
                                      PER: precision:  50.00%; recall: 100.00%; FB1:  66.67  2
                        """),
                /*
                 * Case C (IOB1) plus an empty sentence:
                 *   gold: I-PER I-PER B-PER O I-LOC -> PER[0,2) PER[2,3) LOC[4,5)
                 *   pred: I-PER I-PER I-PER O I-LOC -> PER[0,3) LOC[4,5)
                 * correct: LOC only. overall: correct 1, found 2, gold 3 -> P 50.00, R 33.33, F 40.00.
                 * tokens: the empty sentence adds none; 4 of 5 equal -> 80.00%.
                 */
                Arguments.of(TagScheme.IOB1, "I-PER I-PER B-PER O I-LOC /", "I-PER I-PER I-PER O I-LOC /", """
                        processed 5 tokens with 3 phrases; found: 2 phrases; correct: 1.
                        accuracy:  80.00%; precision:  50.00%; recall:  33.33%; FB1:  40.00
                                      LOC: precision: 100.00%; recall: 100.00%; FB1: 100.00  1
                                      PER: precision:   0.00%; recall:   0.00%; FB1:   0.00  1
                        """));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("conllevalVectors")
    void printsWhatConllevalPrints(TagScheme scheme, String gold, String predicted, String expected) {
        assertEquals(expected, evaluate(scheme, gold, predicted).toConllevalText());
    }

    @Test
    void wrongTypeAndPartialOverlapCountAsErrors() {
        TaggingReport r = evaluate(TagScheme.IOB2, CASE_A_GOLD, CASE_A_PREDICTED);
        assertEquals(new ClassScores("micro avg", 1.0 / 3, 1.0 / 3, 1.0 / 3, 3, 3, 1), r.micro());
        assertEquals(List.of(
                new ClassScores("LOC", 0, 0, 0, 1, 0, 0),
                new ClassScores("ORG", 0, 0, 0, 1, 2, 0),
                new ClassScores("PER", 1, 1, 1, 1, 1, 1)), r.perType());
        assertEquals(5.0 / 7, r.tokenAccuracy(), 1e-15);
    }

    @Test
    void iAfterOAndTypeChangeGiveFortyPercentF1() {
        TaggingReport r = evaluate(TagScheme.IOB2, CASE_B_GOLD, CASE_B_PREDICTED);
        assertEquals(0.4, r.micro().f1(), 1e-15);
        assertEquals(new ClassScores("PER", 0.5, 1, 2.0 / 3, 1, 2, 1), r.perType().get(1));
    }

    @Test
    void emptySentenceAddsNoTokens() {
        assertEquals(5, evaluate(TagScheme.IOB1, "I-PER I-PER B-PER O I-LOC /", "I-PER I-PER I-PER O I-LOC /").tokens());
    }

    /*
     * Case D (IOBES), 7 tokens:
     *   gold: S-PER O B-LOC I-LOC E-LOC S-LOC S-LOC -> PER[0,1) LOC[2,5) LOC[5,6) LOC[6,7)
     *   pred: S-PER O B-LOC E-LOC S-LOC B-LOC E-LOC -> PER[0,1) LOC[2,4) LOC[4,5) LOC[5,7)
     * correct: PER only; LOC gold 3, found 3, correct 0. overall 1 / 4 / 4 -> 25%.
     * tokens equal at 0, 1, 2 only -> 3/7.
     */
    @Test
    void iobesEntityCounts() {
        TaggingReport r = evaluate(TagScheme.IOBES, "S-PER O B-LOC I-LOC E-LOC S-LOC S-LOC", "S-PER O B-LOC E-LOC S-LOC B-LOC E-LOC");
        assertEquals(new ClassScores("micro avg", 0.25, 0.25, 0.25, 4, 4, 1), r.micro());
        assertEquals(new ClassScores("LOC", 0, 0, 0, 3, 3, 0), r.perType().get(0));
        assertEquals(3.0 / 7, r.tokenAccuracy(), 1e-15);
    }

    @Test
    void chunksNeverCrossSentenceBoundaries() {
        // The I-PER opening sentence 2 starts its own chunk, so it matches gold B-PER.
        TaggingReport r = evaluate(TagScheme.IOB2, "B-PER / B-PER", "B-PER / I-PER");
        assertEquals(new ClassScores("micro avg", 1, 1, 1, 2, 2, 2), r.micro());
    }

    @Test
    void tableListsTypesThenMicroAverage() {
        TaggingReport r = evaluate(TagScheme.IOB2, CASE_B_GOLD, CASE_B_PREDICTED);
        assertEquals("""
                entity     precision  recall      f1  support  predicted  correct
                -----------------------------------------------------------------
                LOC           0.0000  0.0000  0.0000        1          1        0
                PER           0.5000  1.0000  0.6667        1          2        1
                micro avg     0.3333  0.5000  0.4000        2          3        1
                token accuracy 0.6667 over 6 tokens
                """, r.toTable());
    }

    @Test
    void badTagsAndLengthsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> evaluate(TagScheme.IOB2, "O B-PER", "O S-PER"));
        assertEquals("predicted sentence 0, token 1: tag 'S-PER' does not fit scheme IOB2 (expected O or B-TYPE, I-TYPE)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> evaluate(TagScheme.IOB2, "O B-PER", "O"));
        assertEquals("sentence 0: gold has 2 tags but predicted has 1", e.getMessage());
    }

    @Test
    void conllevalRoundsLikePrintf() {
        // 100 * 1/800 = 0.125 exactly; C's printf (and so the perl script) prints 0.12, not 0.13.
        assertEquals("  0.12", TaggingReport.fixed(100.0 * 1 / 800));
        assertEquals("100.00", TaggingReport.fixed(100));
        assertEquals(" 66.67", TaggingReport.fixed(200.0 / 3));
    }
}
