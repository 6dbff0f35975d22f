package dev.rnnkit.train.engine;

import dev.rnnkit.config.EngineType;
import dev.rnnkit.config.ParallelConfig;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.config.SparkConfig;
import dev.rnnkit.config.SparkMasters;
import dev.rnnkit.config.TrainingConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Makes the engine a config's {@code training.engine} names, and says in words what it will run where.
 */
public final class TrainingEngines {

    /** How to get the Spark engine when it is not on the classpath. */
    static final String SPARK_HINT = "the spark engine comes with rnnkit's Spark application (module toolkit-spark): "
            + "run it with spark-submit or toolkit-spark/rnnkit-spark (README, \"Scaling out\")";

    private TrainingEngines() {
    }

    /**
     * The engine for one training run of {@code config} into {@code runDirectory}.
     *
     * @throws IllegalArgumentException when the engine is not available in this application
     */
    public static TrainingEngine create(RnnkitConfig config, Path runDirectory) {
        TrainingConfig t = config.training();
        return switch (t.engine()) {
            case LOCAL -> new LocalEngine();
            case PARALLEL -> new ParallelEngine(t.parallelSettings());
            case SPARK -> provider(EngineType.SPARK)
                    .orElseThrow(() -> new IllegalArgumentException("training.engine: " + SPARK_HINT))
                    .create(config, runDirectory);
        };
    }

    /**
     * Fails before anything is read or written when the engine {@code type} cannot run in this application.
     *
     * @throws IllegalArgumentException naming the key and how to get the engine
     */
    public static void requireAvailable(EngineType type) {
        if (!available(type)) {
            throw new IllegalArgumentException("training.engine: " + SPARK_HINT);
        }
    }

    /** Whether the engine {@code type} can run in this application. */
    public static boolean available(EngineType type) {
        return type != EngineType.SPARK || provider(type).isPresent();
    }

    private static Optional<TrainingEngineProvider> provider(EngineType type) {
        return ServiceLoader.load(TrainingEngineProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type() == type).findFirst();
    }

    /**
     * One line on what will run where, for {@code validate} and {@code inspect}, e.g. {@code engine: parallel,
     * DL4J ParallelWrapper with 2 workers (...)}.
     */
    public static String plan(TrainingConfig t) {
        int batch = t.batchSize();
        return switch (t.engine()) {
            case LOCAL -> "engine: local, one process fitting minibatches of " + batch + " one after another on one device";
            case PARALLEL -> {
                ParallelConfig p = t.parallelSettings();
                String workers = p.workers() != null ? p.workers() + " workers"
                        : "one worker per GPU, or per processor on the CPU (" + Runtime.getRuntime().availableProcessors() + " here)";
                yield "engine: parallel, DL4J ParallelWrapper on this machine with " + workers + ", each fitting its own minibatches of "
                        + batch + "; parameters and optimizer state averaged every " + p.averagingFrequency()
                        + " minibatch(es) per worker and at each epoch's end";
            }
            case SPARK -> {
                SparkConfig s = t.sparkSettings();
                String where = SparkMasters.embedded(s.master()) ? "Spark embedded in this process (" + s.master() + ")"
                        : "Spark master " + s.master();
                String how = s.trainingMaster() == SparkConfig.TrainingMaster.AVERAGING
                        ? "parameter averaging every " + s.averagingFrequency() + " minibatch(es) per worker"
                        : "gradient sharing among workers (Aeron)";
                yield "engine: spark, " + where + " unless spark-submit sets the master; minibatches of " + batch
                        + " written to " + (s.exportDir() == null ? "RUN_DIR/spark-batches" : s.exportDir()) + " and fitted by the executors with "
                        + how + (available(EngineType.SPARK) ? "" : "; not in this application: " + SPARK_HINT);
            }
        };
    }
}
