package dev.rnnkit.spark;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.SpecifiedIndex;

/**
 * Fills a short minibatch up to the worker batch size with copies of its own examples whose labels are masked out.
 *
 * <p>DL4J's Spark workers re-cut the minibatch files they read into minibatches of exactly {@code batchSizePerWorker}
 * examples, merging short ones with parts of the next. rnnkit's minibatches are bucketed by length, so a merge joins
 * sequences of different lengths, which DL4J 1.0.0-M2 does not pad consistently (features and masks end up with
 * different lengths). A file of exactly the worker batch size passes through untouched, so every short minibatch is
 * written full: the extra rows repeat real examples (valid inputs, so no layer sees an empty sequence) and carry a
 * label mask of zero, so they add nothing to the loss or the gradient. DL4J divides a minibatch's loss by its
 * example count, so such a minibatch weighs {@code real/batch} of what it would locally: only the few short
 * minibatches at bucket ends are affected.
 */
final class FullBatches {

    private FullBatches() {
    }

    /** {@code batch} with {@code size} examples: itself when it has that many already. */
    static org.nd4j.linalg.dataset.api.MultiDataSet pad(org.nd4j.linalg.dataset.api.MultiDataSet batch, int size) {
        int real = (int) batch.getFeatures(0).size(0);
        if (real >= size) {
            return batch;
        }
        long[] rows = new long[size];
        for (int i = 0; i < size; i++) {
            rows[i] = i < real ? i : i % real;
        }
        INDArray[] features = take(batch.getFeatures(), rows);
        INDArray[] featureMasks = take(batch.getFeaturesMaskArrays(), rows);
        INDArray[] labels = take(batch.getLabels(), rows);
        INDArray[] labelMasks = new INDArray[labels.length];
        for (int k = 0; k < labels.length; k++) {
            INDArray given = batch.getLabelsMaskArrays() == null ? null : batch.getLabelsMaskArray(k);
            INDArray mask = given != null ? rowsOf(given, rows)
                    : labels[k].rank() == 3 ? Nd4j.ones(labels[k].dataType(), size, labels[k].size(2))
                    : Nd4j.ones(labels[k].dataType(), size, 1);
            mask.get(NDArrayIndex.interval(real, size), NDArrayIndex.all()).assign(0);
            labelMasks[k] = mask;
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(features, labels, featureMasks, labelMasks);
    }

    private static INDArray[] take(INDArray[] arrays, long[] rows) {
        if (arrays == null) {
            return null;
        }
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = arrays[i] == null ? null : rowsOf(arrays[i], rows);
        }
        return out;
    }

    private static INDArray rowsOf(INDArray a, long[] rows) {
        INDArrayIndex[] index = new INDArrayIndex[a.rank()];
        index[0] = new SpecifiedIndex(rows);
        for (int d = 1; d < index.length; d++) {
            index[d] = NDArrayIndex.all();
        }
        return a.get(index).dup(a.ordering());
    }
}
