package dev.rnnkit.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.config.TimeBudget;
import dev.rnnkit.config.TrainingConfig;
import dev.rnnkit.data.BatchIterator;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.PreparedData;
import dev.rnnkit.eval.AtomicFiles;
import dev.rnnkit.eval.EvalJson;
import dev.rnnkit.model.NetworkBuilder;
import dev.rnnkit.modelfile.ModelFile;
import dev.rnnkit.modelfile.ModelMetadata;
import dev.rnnkit.modelfile.SavedModel;
import dev.rnnkit.predict.EvaluationResult;
import dev.rnnkit.predict.EvaluationWriter;
import dev.rnnkit.train.engine.TrainingEngine;
import dev.rnnkit.train.engine.TrainingEngines;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import dev.rnnkit.model.Network;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs training into a run directory: epochs with validation, best/last model, checkpoints, early stopping,
 * resume, and a final evaluation with plots.
 */
public final class Trainer {

    static {
        dev.rnnkit.platform.NativeBuild.selectDefault(); // before ND4J loads, for library users without a config file
    }

    /** The engine every run uses, or null to make the one each config names. */
    private final TrainingEngine engine;
    private final ProgressListener progress;
    private final StopRequest stop;
    private final Clock clock;

    /**
     * A trainer that fits every run with {@code engine} (null: the engine each config's {@code training.engine}
     * names, made per run).
     */
    public Trainer(TrainingEngine engine, ProgressListener progress, StopRequest stop, Clock clock) {
        this.engine = engine;
        this.progress = progress;
        this.stop = stop;
        this.clock = clock;
    }

    /** A trainer with the engine each config names and the system clock. */
    public Trainer(ProgressListener progress, StopRequest stop) {
        this(null, progress, stop, Clock.systemUTC());
    }

    /**
     * Trains a new model of {@code config} on the data under {@code dataDir} into the (new, empty) {@code run}.
     *
     * @throws dev.rnnkit.data.DataFormatException for data that cannot be read as configured
     */
    public TrainingResult train(RnnkitConfig config, Path dataDir, RunDirectory run) throws IOException {
        try (ProcessLock lock = run.lock()) {
            return trainLocked(config, dataDir, run);
        }
    }

    private TrainingResult trainLocked(RnnkitConfig config, Path dataDir, RunDirectory run) throws IOException {
        try {
            PreparedData data;
            TrainingEngine created;
            Network network;
            dev.rnnkit.data.text.PretrainedEmbeddings vectors;
            try {
                if (engine == null) {
                    TrainingEngines.requireAvailable(config.training().engine());
                }
                data = DataPipelines.prepare(config, dataDir);
                // Before anything is written: a network that cannot be built (too big for memory) leaves no run behind.
                network = NetworkBuilder.build(config, data.shape());
                // Before anything is written: word vectors that are missing or unreadable leave no run behind.
                vectors = pretrainedEmbedding(config, dataDir, data);
                // Before anything is written: an engine that cannot start (a Spark master out of reach) leaves no run behind.
                created = engine != null ? null : TrainingEngines.create(config, run.root());
            } catch (RuntimeException e) {
                run.deleteIfNeverStarted();
                throw e;
            }
            try (EngineHandle handle = new EngineHandle(created)) {
                progress.message(data.summary().toString());
                ModelMetadata metadata = new ModelMetadata(config, data.artefact(), BaselineStatistics.of(config, data),
                        ProvenanceCollector.collect(config, dataDir, clock.instant()));
                AtomicFiles.writeString(run.config(), ConfigLoader.toYaml(config));
                data.artefact().save(run.preprocessing());
                EvalJson.write(metadata.provenance(), run.provenance());
                if (vectors != null) {
                    NetworkBuilder.initialiseEmbedding(network, vectors.weights());
                    progress.message("pretrained embeddings: " + vectors.found() + " of "
                            + data.artefact().wordVocabulary().orElseThrow().size() + " vocabulary entries found");
                }
                return loop(run, data, metadata, network, TrainingState.start(), handle.engine());
            }
        } finally {
            stop.finished();
        }
    }

    /** Pretrained word vectors aligned with the training vocabulary, or null when the config names none. */
    private static dev.rnnkit.data.text.PretrainedEmbeddings pretrainedEmbedding(RnnkitConfig config, Path dataDir, PreparedData data) {
        if (config.data() == null || config.data().pretrainedEmbeddings() == null) {
            return null;
        }
        dev.rnnkit.data.Vocabulary vocabulary = data.artefact().wordVocabulary().orElseThrow(() ->
                new IllegalArgumentException("data.pretrained_embeddings: needs a text or tagging pipeline"));
        return dev.rnnkit.data.text.PretrainedEmbeddings.load(config.data().pretrainedEmbeddings(), dataDir, vocabulary, config.seed());
    }

    /**
     * Continues {@code run} from its newest checkpoint with the same optimizer state and data order.
     *
     * @param config the run's config, possibly with more {@code training.epochs} or {@code training.max_time};
     *               and its engine; anything else must be unchanged
     * @throws IllegalArgumentException when {@code config} differs from the run's config in more than the epochs
     */
    public TrainingResult resume(RunDirectory run, Path dataDir, RnnkitConfig config) throws IOException {
        try (ProcessLock lock = run.lock()) {
            return resumeLocked(run, dataDir, config);
        }
    }

    private TrainingResult resumeLocked(RunDirectory run, Path dataDir, RnnkitConfig config) throws IOException {
        try {
            SavedModel checkpoint = new Checkpoints(run.checkpoints(), Integer.MAX_VALUE).latest();
            RnnkitConfig saved = checkpoint.metadata().config();
            requireSameExceptLimits(saved, config, run);
            TrainingState state = TrainingState.fromJson(checkpoint.trainingState(), checkpoint.file().toString());
            if (state.finished() && state.epoch() >= config.training().epochs()) {
                throw new IllegalArgumentException(run.root() + ": the run already finished " + state.epoch()
                        + " epochs; raise training.epochs (--set training.epochs=N) to train further");
            }
            String maxTime = config.training().maxTime();
            if (maxTime != null && state.trainingSeconds() >= TimeBudget.parse(maxTime).toSeconds()) {
                throw new IllegalArgumentException(run.root() + ": the run has used its time budget (training.max_time="
                        + maxTime + "); raise it (--set training.max_time=...) to train further");
            }
            PreparedData data = DataPipelines.prepare(config, dataDir);
            ModelMetadata metadata = new ModelMetadata(config, checkpoint.metadata().preprocessing(),
                    checkpoint.metadata().baselines(), checkpoint.metadata().provenance());
            AtomicFiles.writeString(run.config(), ConfigLoader.toYaml(config));
            new MetricsLog(run.metrics()).truncateAfter(state.epoch());
            progress.message("resuming " + run.root() + " at epoch " + (state.epoch() + 1) + ", minibatch " + state.batch()
                    + " (" + checkpoint.file().getFileName() + ")");
            TrainingState continuing = state.withFinished(false);
            try (EngineHandle handle = new EngineHandle(engine != null ? null : TrainingEngines.create(config, run.root()))) {
                return loop(run, data, metadata, checkpoint.network(), continuing, handle.engine());
            }
        } finally {
            stop.finished();
        }
    }

    /**
     * What a resumed run may change: the epoch ceiling, the time budget, where it runs (checkpoints are whole
     * models, so a run started locally can go on with another engine) and whether DL4J UI statistics are recorded.
     */
    private static final java.util.List<String> RESUMABLE_LIMITS = java.util.List.of("epochs", "max_time", "engine", "parallel", "spark", "ui_stats");

    private static void requireSameExceptLimits(RnnkitConfig saved, RnnkitConfig given, RunDirectory run) {
        ObjectNode a = ConfigLoader.mapper().valueToTree(saved);
        ObjectNode b = ConfigLoader.mapper().valueToTree(given);
        ((ObjectNode) a.path("training")).remove(RESUMABLE_LIMITS);
        ((ObjectNode) b.path("training")).remove(RESUMABLE_LIMITS);
        if (!a.equals(b)) {
            for (var it = a.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!a.get(key).equals(b.get(key))) {
                    throw new IllegalArgumentException("the config differs from " + run.config() + " in '" + key
                            + "'; a resumed run keeps its config (only training.epochs, training.max_time and the engine may change)");
                }
            }
            throw new IllegalArgumentException("the config differs from " + run.config() + "; a resumed run keeps its config");
        }
    }

    /** The engine of one run: the trainer's fixed one, or one made for the run and closed at its end. */
    private final class EngineHandle implements AutoCloseable {
        private final TrainingEngine created;

        EngineHandle(TrainingEngine created) {
            this.created = created;
        }

        TrainingEngine engine() {
            return created != null ? created : engine;
        }

        @Override
        public void close() {
            if (created != null) {
                created.close();
            }
        }
    }

    private TrainingResult loop(RunDirectory run, PreparedData data, ModelMetadata given, Network network,
                                TrainingState initial, TrainingEngine engine) throws IOException {
        try (UiStatsRecorder ignored = UiStatsRecorder.start(given.config().training().uiStats(), run.uiStats(), network, progress)) {
            return epochs(run, data, given, network, initial, engine);
        }
    }

    private TrainingResult epochs(RunDirectory run, PreparedData data, ModelMetadata given, Network network,
                                  TrainingState initial, TrainingEngine engine) throws IOException {
        ModelMetadata metadata = new ModelMetadata(given.config(), given.preprocessing(), given.baselines(),
                given.provenance().withEngine(engine.describe()));
        EvalJson.write(metadata.provenance(), run.provenance());
        RnnkitConfig config = metadata.config();
        TrainingConfig t = config.training();
        MetricsLog log = new MetricsLog(run.metrics());
        Checkpoints checkpoints = new Checkpoints(run.checkpoints(), t.checkpoints().keepLast());
        BestModelTracker tracker = new BestModelTracker(t.earlyStopping());
        PlateauSchedule plateau = PlateauSchedule.of(t);
        PlateauSchedule.restore(initial, network);
        Budget budget = new Budget(t, initial.trainingSeconds());

        progress.message(plan(t));
        progress.message(TrainingEngines.plan(t));
        BatchIterator<?> raw = data.batches().train();
        for (int i = 0; i < initial.epoch(); i++) {
            raw.reset(); // epoch k trains on the (k+1)-th shuffle of the seeded generator, as in an uninterrupted run
        }
        MultiDataSetIterator train = limited(data.train(), config);
        TrainingState state = initial;
        String ending = null; // why training ended before the epoch ceiling, for the closing message
        boolean interrupted = false;
        boolean stoppedEarly = false;
        for (int epoch = initial.epoch(); epoch < t.epochs(); epoch++) {
            if (epoch > initial.epoch()) {
                train.reset();
            }
            progress.epochStarted(epoch + 1, t.epochs(), raw.batchCount(), state.batch()); // after reset: the plan of this epoch
            EpochRun epochRun = new EpochRun(config, state, checkpoints, metadata, network, budget);
            long started = System.nanoTime();
            boolean complete = engine.fitEpoch(network, train, state.batch(), epochRun);
            double seconds = (System.nanoTime() - started) / 1e9;
            state = epochRun.state.withTrainingSeconds(budget.spentSeconds());
            boolean outOfTime = budget.exhausted();
            if (!complete && !outOfTime) {
                checkpoints.write(network, metadata, state);
                progress.message("stopped at epoch " + (epoch + 1) + ", minibatch " + state.batch() + "; checkpoint written, resume with --resume "
                        + run.root());
                interrupted = true;
                break;
            }
            if (complete) {
                network.incrementEpochCount();
                state = state.at(epoch + 1, 0, state.iterations());
            }
            // An epoch cut short by the time budget is still validated: its model may be the best one.
            Map<String, Double> validation = data.validation() == null ? Map.of()
                    : engine.evaluate(network, limited(data.validation(), config), config, metadata.preprocessing(), metadata.baselines()).metrics();
            state = tracker.update(state, epoch + 1, validation);
            boolean improved = state.bestEpoch() == epoch + 1;
            if (improved) {
                ModelFile.write(run.bestModel(), network, metadata, null);
            }
            EpochSummary summary = new EpochSummary(epoch + 1, t.epochs(), epochRun.meanLoss(), epochRun.examples, seconds, validation, improved);
            log.epoch(summary, state.iterations(), network.learningRate());
            if (!validation.isEmpty()) {
                log.evaluation(epoch + 1, "validation", validation);
            }
            progress.epochFinished(summary);
            if (plateau != null && !validation.isEmpty()) {
                PlateauSchedule.Step step = plateau.afterEpoch(state, improved, network);
                state = step.state();
                if (step.message() != null) {
                    progress.message(step.message());
                }
            }
            stoppedEarly = tracker.shouldStop(state);
            if (stoppedEarly) {
                ending = "early stopping after epoch " + (epoch + 1) + ": " + tracker.metricKey() + " has not improved for "
                        + state.epochsWithoutImprovement() + " epochs (best at epoch " + state.bestEpoch() + ")";
            } else if (outOfTime) {
                ending = "time budget training.max_time=" + t.maxTime() + " reached " + (complete ? "at the end of epoch " + (epoch + 1)
                        : "in epoch " + (epoch + 1) + " after minibatch " + state.batch()) + " (best at epoch " + state.bestEpoch() + ")";
            }
            boolean last = ending != null || epoch + 1 == t.epochs();
            if (last) {
                state = state.asFinished();
            }
            int every = t.checkpoints().everyEpochs();
            if (last || stop.requested() || (every > 0 && (epoch + 1) % every == 0)) {
                checkpoints.write(network, metadata, state);
            }
            if (ending != null) {
                progress.message(ending);
                break;
            }
            if (stop.requested() && !last) {
                progress.message("stopped after epoch " + (epoch + 1) + "; checkpoint written, resume with --resume " + run.root());
                interrupted = true;
                break;
            }
        }
        ModelMetadata ended = new ModelMetadata(config, metadata.preprocessing(), metadata.baselines(),
                metadata.provenance().ended(clock.instant().toString()));
        ModelFile.write(run.lastModel(), network, ended, null);
        EvalJson.write(ended.provenance(), run.provenance());
        if (interrupted) {
            return new TrainingResult(run, state, true, false, null, null);
        }
        return finalEvaluation(run, data, state, stoppedEarly, log, tracker.metricKey(), engine);
    }

    /** One line on when training will end, e.g. {@code training: at most 100 epochs; early stopping on val_accuracy ...}. */
    static String plan(TrainingConfig t) {
        StringBuilder sb = new StringBuilder("training: at most " + t.epochs() + " epochs");
        if (t.stopsEarly()) {
            sb.append("; early stopping on ").append(t.earlyStopping().metric().yamlName()).append(" (patience ")
                    .append(t.earlyStopping().patience()).append(')');
        }
        if (t.optimizer().schedule().type() == dev.rnnkit.config.ScheduleType.PLATEAU) {
            sb.append("; learning rate x").append(t.optimizer().schedule().decayRate()).append(" after ")
                    .append(t.optimizer().schedule().patience()).append(" epochs without improvement");
        }
        if (t.maxTime() != null) {
            sb.append("; time budget ").append(t.maxTime());
        }
        return sb.toString();
    }

    /** The wall-clock budget of {@code training.max_time}, counted over all resumes of a run. */
    private final class Budget {
        private final Duration limit;
        private final double spentBefore;
        private final long startMillis;

        Budget(TrainingConfig t, double spentBefore) {
            this.limit = t.maxTime() == null ? null : TimeBudget.parse(t.maxTime());
            this.spentBefore = spentBefore;
            this.startMillis = clock.millis();
        }

        double spentSeconds() {
            return spentBefore + (clock.millis() - startMillis) / 1000.0;
        }

        boolean exhausted() {
            return limit != null && spentSeconds() * 1000 >= limit.toMillis();
        }
    }

    /** Scores the best model on the test split (else validation) and writes metrics and plots. */
    private TrainingResult finalEvaluation(RunDirectory run, PreparedData data, TrainingState state, boolean stoppedEarly,
                                           MetricsLog log, String metricKey, TrainingEngine engine) {
        MultiDataSetIterator split = data.test() != null ? data.test() : data.validation();
        String name = data.test() != null ? "test" : "validation";
        if (split == null) {
            EvaluationWriter.writeLearningCurve(log.learningCurve("none"), "none", run.evaluation());
            log.summary(state, stoppedEarly, metricKey, null);
            return new TrainingResult(run, state, false, stoppedEarly, null, null);
        }
        SavedModel best = ModelFile.read(run.model());
        ModelMetadata m = best.metadata();
        EvaluationResult result = engine.evaluate(best.network(), limited(split, m.config()), m.config(), m.preprocessing(), m.baselines());
        log.evaluation(state.epoch(), name, result.metrics());
        log.summary(state, stoppedEarly, metricKey, name);
        // The loss is already on the curve's left axis; the right axis shows the task's own first metric then.
        String curveMetric = !metricKey.equals("loss") ? metricKey
                : result.metrics().keySet().stream().filter(k -> !k.equals("loss")).findFirst().orElse("loss");
        EvaluationWriter.write(result, name, run.evaluation(), log.learningCurve(curveMetric), curveMetric);
        progress.message("final evaluation on " + name + " (" + run.model().getFileName() + "):\n" + result.table());
        return new TrainingResult(run, state, false, stoppedEarly, result, name);
    }

    /** Tracks one epoch's minibatches: loss, examples, stop requests, the time budget and checkpoints by iteration. */
    private final class EpochRun implements TrainingEngine.BatchListener {
        private final RnnkitConfig config;
        private final Checkpoints checkpoints;
        private final ModelMetadata metadata;
        private final Network network;
        private final Budget budget;
        private TrainingState state;
        private double lossSum;
        private int losses;
        private long examples;

        EpochRun(RnnkitConfig config, TrainingState state, Checkpoints checkpoints, ModelMetadata metadata, Network network,
                 Budget budget) {
            this.budget = budget;
            this.config = config;
            this.state = state;
            if (state.batch() > 0) {
                // Resumed mid-epoch: the epoch's mean loss and example count include the part before the checkpoint.
                lossSum = state.epochLossSum();
                losses = state.epochLosses();
                examples = state.epochExamples();
            }
            this.checkpoints = checkpoints;
            this.metadata = metadata;
            this.network = network;
        }

        @Override
        public void beforeBatch(int batch) {
            // Dropout draws from ND4J's global generator: seeding it per iteration makes a resumed run match.
            Nd4j.getRandom().setSeed(config.seed() * 1_000_003L + state.iterations());
        }

        @Override
        public boolean afterBatch(int batch, int batchExamples, double loss) {
            lossSum += loss;
            losses++;
            examples += batchExamples;
            state = state.at(state.epoch(), batch, state.iterations() + 1).withEpochProgress(lossSum, losses, examples);
            progress.batchFinished(state.epoch() + 1, batch, batchExamples, loss);
            int every = config.training().checkpoints().everyIterations();
            if (every > 0 && state.iterations() % every == 0) {
                try {
                    checkpoints.write(network, metadata, state.withTrainingSeconds(budget.spentSeconds()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot write a checkpoint: " + e.getMessage(), e);
                }
            }
            return !stop.requested() && !budget.exhausted();
        }

        double meanLoss() {
            return losses == 0 ? Double.NaN : lossSum / losses;
        }
    }

    /** The iterator cut to {@code training.max_batches} minibatches per pass, when that is set. */
    private static MultiDataSetIterator limited(MultiDataSetIterator batches, RnnkitConfig config) {
        Integer max = config.training().maxBatches();
        return batches == null || max == null ? batches
                : new org.deeplearning4j.datasets.iterator.EarlyTerminationMultiDataSetIterator(batches, max);
    }
}
