package dev.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelOutputsTest {

    @Test
    void argmaxOfRowsDropsMaskedExamples() {
        INDArray probs = Nd4j.createFromArray(new float[][] {{0.1f, 0.7f, 0.2f}, {0.6f, 0.3f, 0.1f}, {0.2f, 0.2f, 0.6f}});
        assertArrayEquals(new int[] {1, 0, 2}, ModelOutputs.argmax(probs));
        assertArrayEquals(new int[] {1, 2}, ModelOutputs.argmax(probs, Nd4j.createFromArray(1f, 0f, 1f)));
        assertArrayEquals(new double[][] {{0.6f, 0.3f, 0.1f}}, ModelOutputs.probabilityRows(probs, Nd4j.createFromArray(new float[][] {{0}, {1}, {0}})));
    }

    @Test
    void perStepArgmaxKeepsOnlyRealSteps() {
        // Example 0 predicts 2 1 0 1 (all real); example 1 predicts 0 2 then two padded steps.
        INDArray out = OneHot.sequences(new int[][] {{2, 1, 0, 1}, {0, 2, 1, 1}}, 3, 0.9);
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 1, 1}, {1, 1, 0, 0}});
        List<int[]> ids = ModelOutputs.argmaxPerStep(out, mask);
        assertArrayEquals(new int[] {2, 1, 0, 1}, ids.get(0));
        assertArrayEquals(new int[] {0, 2}, ids.get(1));
        assertArrayEquals(new int[] {2, 1, 0, 1, 0, 2}, ModelOutputs.argmaxFlat(out, mask));
        assertEquals(6, ModelOutputs.probabilityRows(out, mask).length);
        assertEquals(List.of(List.of("B-PER", "I-PER", "O", "I-PER"), List.of("O", "B-PER")),
                ModelOutputs.names(ids, List.of("O", "I-PER", "B-PER")));
    }

    @Test
    void taggerOutputsFeedEntityMetrics() {
        // Gold B-PER I-PER O | B-LOC ; predicted B-PER I-PER O | O ; tag ids O=0 B-PER=1 I-PER=2 B-LOC=3.
        List<String> tagNames = List.of("O", "B-PER", "I-PER", "B-LOC");
        INDArray labels = OneHot.sequences(new int[][] {{1, 2, 0}, {3, 0, 0}}, 4, 1);
        INDArray output = OneHot.sequences(new int[][] {{1, 2, 0}, {0, 0, 0}}, 4, 0.8);
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 1}, {1, 0, 0}});
        TaggingReport r = TaggingMetrics.evaluate(
                ModelOutputs.names(ModelOutputs.argmaxPerStep(labels, mask), tagNames),
                ModelOutputs.names(ModelOutputs.argmaxPerStep(output, mask), tagNames), TagScheme.IOB2);
        // PER found and correct, LOC missed: P 1/1, R 1/2; 3 of 4 real tokens right.
        assertEquals(new ClassScores("micro avg", 1, 0.5, 2.0 / 3, 2, 1, 1), r.micro());
        assertEquals(4, r.tokens());
        assertEquals(0.75, r.tokenAccuracy(), 1e-15);
    }

    @Test
    void wrongMaskShapeIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelOutputs.argmaxPerStep(Nd4j.zeros(2, 3, 4), Nd4j.ones(2, 3)));
        assertEquals("mask has shape [2, 3], expected [2, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelOutputs.argmax(Nd4j.zeros(2, 3, 4)));
        assertEquals("expected an array of shape [batch, classes], got [2, 3, 4]", e.getMessage());
    }
}
