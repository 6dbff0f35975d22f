package dev.rnnkit.train.engine;

import dev.rnnkit.config.ParallelConfig;
import dev.rnnkit.model.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fits an epoch with DL4J's {@link ParallelWrapper}: several copies of the network train on different minibatches
 * at once, on the cores or GPUs of this machine, and their parameters and optimizer states are averaged every
 * {@code averaging_frequency} minibatches per worker and at the end of the epoch.
 *
 * <p>A wrapper lives for one epoch, so that each epoch's workers start from the network as the trainer left it
 * (a learning rate lowered on a plateau, a resumed checkpoint). Per-minibatch reports come from a DL4J training
 * listener on the workers; a stop request ends the feed of minibatches, and the workers finish the ones they hold.
 * Averaging mode only: DL4J's gradient-sharing mode hangs on a second {@code fit} in 1.0.0-M2.1.
 */
public final class ParallelEngine implements TrainingEngine {

    private final int workers;
    private final int averagingFrequency;
    private final int prefetch;

    /** An engine with {@code settings}; workers default to {@link #defaultWorkers()}. */
    public ParallelEngine(ParallelConfig settings) {
        this.workers = settings.workers() != null ? settings.workers() : defaultWorkers();
        this.averagingFrequency = settings.averagingFrequency();
        this.prefetch = settings.prefetch();
    }

    /** The GPUs ND4J sees, or the processors available when ND4J runs on the CPU; at least 2, ParallelWrapper's minimum. */
    public static int defaultWorkers() {
        int n = onCpu() ? Runtime.getRuntime().availableProcessors() : Nd4j.getAffinityManager().getNumberOfDevices();
        return Math.max(2, n);
    }

    private static boolean onCpu() {
        return Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu");
    }

    @Override
    public boolean fitEpoch(Network network, MultiDataSetIterator batches, int skip, BatchListener listener) {
        for (int i = 0; i < skip && batches.hasNext(); i++) {
            batches.next(); // the shuffle is deterministic, so these are the batches fitted before the resume
        }
        Feed feed = new Feed(batches);
        Reporter reporter = new Reporter(listener, feed, skip);
        ParallelWrapper wrapper = new ParallelWrapper.Builder<Model>(network.model())
                .workers(workers)
                .averagingFrequency(averagingFrequency)
                .prefetchBuffer(prefetch * workers)
                .trainingMode(ParallelWrapper.TrainingMode.AVERAGING)
                .averageUpdaters(true)
                .reportScoreAfterAveraging(true)
                .build();
        // ParallelWrapper also sets its listeners on the network it wraps, and next epoch's workers would be cloned with them.
        List<TrainingListener> own = new ArrayList<>(network.listeners());
        // DL4J UI statistics (training.ui_stats): ParallelWrapper gives each worker its own copy of a routing listener.
        List<TrainingListener> forWorkers = new ArrayList<>(List.of(reporter));
        own.stream().filter(l -> l instanceof org.deeplearning4j.core.storage.listener.RoutingIterationListener).forEach(forWorkers::add);
        wrapper.setListeners(forWorkers);
        try {
            if (network.isGraph()) {
                wrapper.fit(feed);
            } else {
                wrapper.fit(asDataSets(feed)); // ParallelWrapper fits a MultiLayerNetwork from DataSets only
            }
            takeAveragedOptimizerState(network, reporter.finalStates.values());
        } finally {
            wrapper.shutdown();
            network.setListeners(own);
        }
        return !feed.stopped;
    }

    /**
     * Puts the average of the workers' last optimizer states into the network. DL4J 1.0.0-M2.1 averages them among
     * the workers only (its {@code averageUpdatersState} propagates to a null target) and frees the workers when
     * {@code fit} returns, so without this the next epoch and every checkpoint would carry Adam's moments from
     * before the epoch.
     */
    private static void takeAveragedOptimizerState(Network network, java.util.Collection<INDArray> finalStates) {
        INDArray target = optimizerState(network.model());
        if (target == null || finalStates.isEmpty()) {
            return;
        }
        target.assign(0);
        for (INDArray state : finalStates) {
            target.addi(state);
        }
        target.divi(finalStates.size());
    }

    private static INDArray optimizerState(Model model) {
        if (model instanceof MultiLayerNetwork m) {
            return m.getUpdater() == null ? null : m.getUpdater().getStateViewArray();
        }
        ComputationGraph g = (ComputationGraph) model;
        return g.getUpdater() == null ? null : g.getUpdater().getStateViewArray();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "parallel");
        d.put("workers", workers);
        d.put("averaging_frequency", averagingFrequency);
        d.put("prefetch", prefetch);
        d.put("devices", onCpu() ? "cpu (" + Runtime.getRuntime().availableProcessors() + " processors)"
                : Nd4j.getAffinityManager().getNumberOfDevices() + " GPU(s)");
        return d;
    }

    /** Hands the epoch's minibatches to the workers, remembering their sizes, until the trainer says stop. */
    private static final class Feed implements MultiDataSetIterator {
        private final MultiDataSetIterator source;
        private final Queue<Integer> sizes = new ConcurrentLinkedQueue<>();
        private volatile boolean stopped;
        private volatile boolean dry;

        Feed(MultiDataSetIterator source) {
            this.source = source;
        }

        @Override
        public boolean hasNext() {
            boolean more = !stopped && source.hasNext();
            if (!more) {
                dry = true;
            }
            return more;
        }

        /** Whether every minibatch of the epoch has been handed out. */
        boolean dry() {
            return dry;
        }

        @Override
        public MultiDataSet next() {
            MultiDataSet batch = source.next();
            sizes.add((int) batch.getFeatures(0).size(0));
            return batch;
        }

        @Override
        public MultiDataSet next(int num) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MultiDataSetPreProcessor getPreProcessor() {
            return null;
        }

        @Override
        public boolean resetSupported() {
            return false; // one epoch per feed: the trainer resets the source
        }

        @Override
        public boolean asyncSupported() {
            return true;
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("a feed serves one epoch");
        }
    }

    /** The feed as DataSets (a stack has one input and one output), for ParallelWrapper's DataSet path. */
    private static DataSetIterator asDataSets(Feed feed) {
        java.util.Iterator<DataSet> stack = new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return feed.hasNext();
            }

            @Override
            public DataSet next() {
                MultiDataSet m = feed.next();
                return new DataSet(m.getFeatures(0), m.getLabels(0), first(m.getFeaturesMaskArrays()), first(m.getLabelsMaskArrays()));
            }
        };
        return new org.deeplearning4j.datasets.iterator.ExistingDataSetIterator(stack);
    }

    private static INDArray first(INDArray[] arrays) {
        return arrays == null ? null : arrays[0];
    }

    /** Reports each worker's fitted minibatch to the trainer, one at a time. */
    private static final class Reporter extends BaseTrainingListener {
        private final BatchListener listener;
        private final Feed feed;
        /** Each worker's optimizer state after its latest minibatch once the feed has run dry, i.e. its last ones. */
        final java.util.Map<Model, INDArray> finalStates = new java.util.IdentityHashMap<>();
        private int batch;

        Reporter(BatchListener listener, Feed feed, int skipped) {
            this.listener = listener;
            this.feed = feed;
            this.batch = skipped;
        }

        @Override
        public synchronized void iterationDone(Model model, int iteration, int epoch) {
            if (feed.dry()) {
                INDArray state = optimizerState(model);
                if (state != null) {
                    try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                        finalStates.put(model, state.dup());
                    }
                }
            }
            Integer size = feed.sizes.poll();
            batch++;
            if (!listener.afterBatch(batch, size == null ? 0 : size, model.score())) {
                feed.stopped = true;
            }
        }
    }
}
