package dev.rnnkit.spark;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A network's output and mean loss on one minibatch, sent from an executor to the driver. */
record ScoredBatch(INDArray output, double loss) implements Serializable {
}
