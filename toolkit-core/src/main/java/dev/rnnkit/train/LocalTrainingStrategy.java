package dev.rnnkit.train;

import dev.rnnkit.model.Network;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * * Fits minibatches one after another on the current ND4J device ({@code Network.fit}, i.e. DL4J's own {@code fit},
 * which applies truncated BPTT when the configuration asks for it).
 */
public final class LocalTrainingStrategy implements TrainingStrategy {

    @Override
    public boolean fitEpoch(Network network, MultiDataSetIterator batches, int skip, BatchListener listener) {
        int batch = 0;
        while (batches.hasNext()) {
            MultiDataSet ds = batches.next();
            if (batch < skip) {
                batch++; // the shuffle is deterministic, so these are the batches fitted before the resume
                continue;
            }
            listener.beforeBatch(batch);
            network.fit(ds);
            batch++;
            if (!listener.afterBatch(batch, (int) ds.getFeatures(0).size(0), network.score())) {
                return false;
            }
        }
        return true;
    }
}
