package dev.rnnkit.train;

import dev.rnnkit.model.Network;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * How one epoch of minibatches is fitted: on one device, or later data-parallel (ParallelWrapper) or on Spark.
 *
 * <p>The {@link Trainer} owns everything around epochs (validation, checkpoints, early stopping); a strategy only
 * fits batches and reports after each one so that the trainer can checkpoint or stop between them.
 */
public interface TrainingStrategy {

    /** Called around each minibatch. */
    interface BatchListener {
        /** Before minibatch {@code batch} (0-based within the epoch) is fitted; e.g. to seed dropout. */
        void beforeBatch(int batch);

        /**
         * After a minibatch was fitted.
         *
         * @param batch 1-based count of minibatches done in the epoch
         * @return false to end the epoch now (a stop was requested)
         */
        boolean afterBatch(int batch, int examples, double loss);
    }

    /**
     * Fits the remaining minibatches of an epoch.
     *
     * @param batches the epoch's batches, positioned at its start
     * @param skip    minibatches to skip (already fitted before a resume)
     * @return true when the epoch ran to its end, false when the listener stopped it
     */
    boolean fitEpoch(Network network, MultiDataSetIterator batches, int skip, BatchListener listener);
}
