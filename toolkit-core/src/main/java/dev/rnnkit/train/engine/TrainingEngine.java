package dev.rnnkit.train.engine;

import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.Preprocessing;
import dev.rnnkit.eval.TrainingBaselines;
import dev.rnnkit.model.Network;
import dev.rnnkit.predict.EvaluationResult;
import dev.rnnkit.predict.ModelEvaluator;
import java.util.Map;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Fits one epoch of minibatches somewhere: on one device, data-parallel on one machine, or on a Spark cluster.
 *
 * <p>The {@link dev.rnnkit.train.Trainer} owns everything around epochs (validation, early stopping, best and
 * last model, checkpoints, resume); an engine only fits the epoch's batches and reports on them through a
 * {@link BatchListener}. The network passed in is the one the trainer saves: when {@link #fitEpoch} returns, it
 * holds the trained parameters and optimizer state, whatever ran where. Engines are made by
 * {@link TrainingEngines#create}; one lives for one training run and is closed at its end.
 */
public interface TrainingEngine extends AutoCloseable {

    /** Hears about fitted minibatches. */
    interface BatchListener {
        /**
         * Before minibatch {@code batch} (0-based within the epoch) is fitted, e.g. to seed dropout. Only the local
         * engine, which owns its loop one minibatch at a time, calls it.
         */
        void beforeBatch(int batch);

        /**
         * After a minibatch was fitted. Engines that fit several at once (workers, Spark) call it from their own
         * threads, one call at a time, possibly after the fact.
         *
         * @param batch 1-based count of minibatches done in the epoch
         * @return false to end the epoch as soon as the engine can (a stop was requested, the time is up)
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

    /**
     * Scores {@code network} on labelled batches with the task's metrics. Engines that run forward passes
     * elsewhere merge the results so that the metrics are those of one pass over all batches.
     */
    default EvaluationResult evaluate(Network network, MultiDataSetIterator batches, RnnkitConfig config,
                                      Preprocessing preprocessing, TrainingBaselines baselines) {
        return ModelEvaluator.evaluate(network, batches, config, preprocessing, baselines);
    }

    /** What runs where, for provenance: engine name, workers, devices, master and settings. */
    Map<String, Object> describe();

    /** Releases workers and connections; the network stays usable. */
    @Override
    default void close() {
    }
}
