package dev.rnnkit.data;

import dev.rnnkit.model.DataShape;
import org.nd4j.linalg.dataset.AsyncMultiDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The result of preparing a config's data: iterators per split, the fitted preprocessing and the sizes.
 *
 * <p>Each iterator is created on first use and then returned again; with {@code data.prefetch > 0} it
 * prepares batches on a background thread (DL4J's {@code AsyncMultiDataSetIterator}, which fetches in
 * {@code hasNext()}: call it before {@code next()}). Training batches are reshuffled on every {@code reset()}.
 */
public final class PreparedData {

    private final Preprocessing artefact;
    private final DataShape shape;
    private final ReadSummary summary;
    private final SplitBatches batches;
    private final int prefetch;
    private MultiDataSetIterator train;
    private MultiDataSetIterator validation;
    private MultiDataSetIterator test;

    public PreparedData(Preprocessing artefact, ReadSummary summary, SplitBatches batches, int prefetch) {
        this.artefact = artefact;
        this.shape = artefact.shape();
        this.summary = summary;
        this.batches = batches;
        this.prefetch = prefetch;
    }

    /** Training batches (shuffled and bucketed as configured). */
    public synchronized MultiDataSetIterator train() {
        if (train == null) {
            train = wrap(batches.train());
        }
        return train;
    }

    /** Validation batches in file order, or null when there is no validation split. */
    public synchronized MultiDataSetIterator validation() {
        if (validation == null && batches.validation() != null) {
            validation = wrap(batches.validation());
        }
        return validation;
    }

    /** Test batches in file order, or null when there is no test split. */
    public synchronized MultiDataSetIterator test() {
        if (test == null && batches.test() != null) {
            test = wrap(batches.test());
        }
        return test;
    }

    /** The unwrapped batch iterators, e.g. to count examples. */
    public SplitBatches batches() {
        return batches;
    }

    /** Everything needed to encode new inputs exactly as in training; save it next to the model. */
    public Preprocessing artefact() {
        return artefact;
    }

    /** Sizes the network takes from the data. */
    public DataShape shape() {
        return shape;
    }

    /** What was read and skipped. */
    public ReadSummary summary() {
        return summary;
    }

    private MultiDataSetIterator wrap(BatchIterator<?> it) {
        // Workspaces off: batches vary in shape and callers may keep them.
        return prefetch > 0 ? new AsyncMultiDataSetIterator(it, prefetch, false) : it;
    }
}
