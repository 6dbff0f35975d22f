package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WordDropoutTest {

    /** [4, 1 + 2, 50]: ids 2..51 in the first 40 steps, padding after, and two feature channels of ones. */
    private static INDArray features() {
        INDArray x = Nd4j.zeros(4, 3, 50);
        for (int i = 0; i < 4; i++) {
            for (int t = 0; t < 40; t++) {
                x.putScalar(new long[] {i, 0, t}, t == 5 ? Vocabulary.UNKNOWN_ID : 2 + t);
                x.putScalar(new long[] {i, 1, t}, 1);
                x.putScalar(new long[] {i, 2, t}, 1);
            }
        }
        return x;
    }

    @Test
    void replacesAboutTheRateOfKnownIdsAndNothingElse() {
        INDArray x = features();
        INDArray before = x.dup();
        new WordDropout(0.3, 7).apply(x, 0, 0);
        int replaced = 0;
        for (int i = 0; i < 4; i++) {
            for (int t = 0; t < 50; t++) {
                double was = before.getDouble(i, 0, t);
                double now = x.getDouble(i, 0, t);
                if (was <= Vocabulary.UNKNOWN_ID) {
                    assertEquals(was, now, "padding and unknown ids stay, step " + t);
                } else if (now != was) {
                    assertEquals(Vocabulary.UNKNOWN_ID, now);
                    replaced++;
                }
            }
        }
        // 156 known ids at rate 0.3: 46.8 expected, sd 5.7
        assertTrue(replaced > 25 && replaced < 70, "replaced " + replaced);
        assertEquals(before.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3)),
                x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3)));
    }

    @Test
    void drawsDependOnSeedEpochAndBatchOnly() {
        INDArray a = features();
        INDArray b = features();
        new WordDropout(0.5, 7).apply(a, 3, 11);
        new WordDropout(0.5, 7).apply(b, 3, 11);
        assertEquals(a, b);
        INDArray nextEpoch = features();
        new WordDropout(0.5, 7).apply(nextEpoch, 4, 11);
        assertNotEquals(a, nextEpoch);
        INDArray nextBatch = features();
        new WordDropout(0.5, 7).apply(nextBatch, 3, 12);
        assertNotEquals(a, nextBatch);
    }

    @Test
    void rateZeroChangesNothingAndRateOneIsRefused() {
        INDArray x = features();
        new WordDropout(0, 7).apply(x, 0, 0);
        assertEquals(features(), x);
        assertThrows(IllegalArgumentException.class, () -> new WordDropout(1, 7));
    }
}
