package dev.rnnkit.train;

/**
 * Receives training progress; the command line renders it as a progress bar or log lines.
 *
 * <p>Calls come one at a time and default to doing nothing; with the parallel engine {@link #batchFinished}
 * comes from a worker thread.
 */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
    };

    /**
     * An epoch begins.
     *
     * @param epoch   1-based epoch number
     * @param batches minibatches in the epoch
     * @param skipped minibatches already done before a resume
     */
    default void epochStarted(int epoch, int epochs, int batches, int skipped) {
    }

    /** A minibatch was fitted; {@code batch} counts from 1 within the epoch. */
    default void batchFinished(int epoch, int batch, int examples, double loss) {
    }

    /** An epoch (and its validation) finished. */
    default void epochFinished(EpochSummary summary) {
    }

    /** A one-line note (checkpoint written, early stop, resume point). */
    default void message(String line) {
    }
}
