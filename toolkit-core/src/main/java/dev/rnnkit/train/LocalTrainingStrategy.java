package dev.rnnkit.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Fits minibatches one after another on the current ND4J device ({@code MultiLayerNetwork.fit(DataSet)},
 * which applies truncated BPTT when the configuration asks for it).
 */
public final class LocalTrainingStrategy implements TrainingStrategy {

    @Override
    public boolean fitEpoch(MultiLayerNetwork network, DataSetIterator batches, int skip, BatchListener listener) {
        int batch = 0;
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            if (batch < skip) {
                batch++; // the shuffle is deterministic, so these are the batches fitted before the resume
                continue;
            }
            listener.beforeBatch(batch);
            network.fit(ds);
            batch++;
            if (!listener.afterBatch(batch, ds.numExamples(), network.score())) {
                return false;
            }
        }
        return true;
    }
}
