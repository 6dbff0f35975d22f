package dev.rnnkit.eval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Builds DL4J-shaped {@code [batch, classes, time]} arrays for tests from class ids. */
final class OneHot {

    private OneHot() {
    }

    /** {@code value} at (b, ids[b][t], t), zero elsewhere: one-hot labels for 1, a peaked "output" below 1. */
    static INDArray sequences(int[][] ids, int classes, double value) {
        INDArray out = Nd4j.zeros(ids.length, classes, ids[0].length);
        for (int b = 0; b < ids.length; b++) {
            for (int t = 0; t < ids[b].length; t++) {
                out.putScalar(new int[] {b, ids[b][t], t}, value);
            }
        }
        return out;
    }
}
