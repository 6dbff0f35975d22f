package dev.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LanguageModelMetricsTest {

    @Test
    void uniformDistributionOverFourTokensHasPerplexityFour() {
        CrossEntropyAccumulator acc = new CrossEntropyAccumulator();
        for (int i = 0; i < 10; i++) {
            acc.addProbability(0.25);
        }
        CrossEntropyScores s = acc.scores();
        assertEquals(Math.log(4), s.nats(), 1e-12);
        assertEquals(4.0, s.perplexity(), 1e-12);
        assertEquals(2.0, s.bitsPerToken(), 1e-12);
    }

    /**
     * Softmax outputs [batch 2, vocab 4, time 3]; the mask drops example 1's last step.
     * True-token probabilities at the 5 real steps: 1/2, 1/4, 1/8 | 1/2, 1/4
     * -> nats = (1 + 2 + 3 + 1 + 2) ln 2 / 5 = 1.8 ln 2, bits 1.8, perplexity 2^1.8.
     * The masked step gives its true token 0.001; were it counted the mean would move.
     */
    static INDArray[] knownBatch() {
        double[][] truthProb = {{0.5, 0.25, 0.125}, {0.5, 0.25, 0.001}};
        int[][] truth = {{0, 1, 2}, {3, 3, 1}};
        INDArray probs = Nd4j.zeros(2, 4, 3);
        INDArray labels = OneHot.sequences(truth, 4, 1);
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 3; t++) {
                double p = truthProb[b][t];
                for (int v = 0; v < 4; v++) {
                    probs.putScalar(new int[] {b, v, t}, v == truth[b][t] ? p : (1 - p) / 3);
                }
            }
        }
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 1}, {1, 1, 0}});
        return new INDArray[] {probs, labels, mask};
    }

    @Test
    void maskedBatchGivesKnownCrossEntropy() {
        INDArray[] batch = knownBatch();
        CrossEntropyAccumulator acc = new CrossEntropyAccumulator();
        acc.add(batch[0], batch[1], batch[2]);
        CrossEntropyScores s = acc.scores();
        assertEquals(5, s.tokens());
        assertEquals(1.8 * Math.log(2), s.nats(), 1e-12);
        assertEquals(1.8, s.bitsPerToken(), 1e-12);
        assertEquals(Math.pow(2, 1.8), s.perplexity(), 1e-12);
    }

    @Test
    void unigramBaselineUsesAddOneSmoothing() {
        // Training counts of ids 0..3: 3 2 1 0, N = 6, V = 4 -> p = 4/10 3/10 2/10 1/10.
        UnigramBaseline unigram = UnigramBaseline.fit(4, new int[] {0, 0, 0, 1, 1, 2});
        assertEquals(0.1, unigram.probability(3), 1e-15);
        CrossEntropyScores s = unigram.score(new int[] {0, 1, 3, 3});
        assertEquals(-(Math.log(0.4) + Math.log(0.3) + 2 * Math.log(0.1)) / 4, s.nats(), 1e-12);
    }

    @Test
    void reportComparesModelWithUnigram() {
        LanguageModelReport r = new LanguageModelReport(CrossEntropyScores.fromTotal(2 * 1.45, 2),
                CrossEntropyScores.fromTotal(2 * 3.1, 2));
        assertEquals("model 1.4500 nats/token (perplexity 4.2631, 2.0919 bits/token) vs unigram 3.1000", r.summary());
        assertEquals("""
                scorer   nats_per_token  perplexity  bits_per_token  tokens
                -----------------------------------------------------------
                model            1.4500      4.2631          2.0919       2
                unigram          3.1000     22.1980          4.4724       2
                """, r.toTable());
    }

    @Test
    void outOfVocabularyTokenIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnigramBaseline.fit(3, new int[] {0, 5}));
        assertEquals("training token 1 has id 5, outside the vocabulary 0..2", e.getMessage());
    }
}
