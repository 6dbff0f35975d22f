package dev.rnnkit.train.engine;

import dev.rnnkit.model.Network;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fits minibatches one after another in this process on the current ND4J device ({@code Network.fit}, i.e.
 * DL4J's own {@code fit}, which applies truncated BPTT when the configuration asks for it).
 *
 * <p>The only engine that owns its loop one minibatch at a time, so the only one where per-iteration work
 * (re-seeding before each minibatch, checkpoints by iteration) happens exactly between two minibatches.
 */
public final class LocalEngine implements TrainingEngine {

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

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "local");
        d.put("workers", 1);
        d.put("devices", Nd4j.getAffinityManager().getNumberOfDevices());
        return d;
    }
}
