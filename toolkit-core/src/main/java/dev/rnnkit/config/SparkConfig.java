package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings of the {@code spark} engine: DL4J's Spark training ({@code SparkDl4jMultiLayer},
 * {@code SparkComputationGraph}).
 *
 * <p>The driver reads the data with the usual pipelines and writes each epoch's minibatches as files under
 * {@code export_dir}, a few averaging rounds at a time; executors read them from there (DL4J's "export" approach,
 * so no data set is ever collected in driver memory). On a cluster {@code export_dir} must be a location every
 * executor can read, e.g. {@code hdfs://...} or a shared file system.
 *
 * @param master             the Spark master; used only when the job is not started by spark-submit (which sets
 *                           its own); default {@code local[*]}, embedded in this process
 * @param trainingMaster     {@code averaging} (parameter averaging, default) or {@code shared} (gradient sharing
 *                           over Aeron)
 * @param averagingFrequency minibatches each worker fits between averagings (averaging); default 5
 * @param prefetch           minibatches each worker reads ahead; default 2
 * @param exportDir          where minibatch files are written; default the run directory's {@code spark-batches}
 * @param conf               further Spark settings, e.g. {@code spark.executor.memory: 4g}
 */
public record SparkConfig(
        @JsonPropertyDescription("Spark master when the job is not started by spark-submit (spark-submit's --master wins); "
                + "default local[*]: Spark runs embedded in this process with a worker per core")
        String master,
        @JsonPropertyDescription("averaging (default: DL4J ParameterAveragingTrainingMaster) or shared (SharedTrainingMaster: "
                + "gradient sharing over Aeron)")
        TrainingMaster trainingMaster,
        @JsonPropertyDescription("Minibatches each worker fits between two averagings (averaging); default 5")
        Integer averagingFrequency,
        @JsonPropertyDescription("Minibatches each worker reads ahead; default 2")
        Integer prefetch,
        @JsonPropertyDescription("Where the driver writes minibatch files for the executors (a path or URI every executor can "
                + "read, e.g. hdfs://...); default RUN_DIR/spark-batches")
        String exportDir,
        @JsonPropertyDescription("Further Spark settings (SparkConf keys), e.g. spark.executor.memory: 4g")
        Map<String, String> conf) {

    /** The default master: Spark embedded in this JVM with one worker thread per core. */
    public static final String DEFAULT_MASTER = "local[*]";

    public SparkConfig {
        master = master == null ? DEFAULT_MASTER : master;
        trainingMaster = trainingMaster == null ? TrainingMaster.AVERAGING : trainingMaster;
        averagingFrequency = averagingFrequency == null ? 5 : averagingFrequency;
        prefetch = prefetch == null ? 2 : prefetch;
        conf = conf == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(conf));
    }

    /** All defaults. */
    public static SparkConfig defaults() {
        return new SparkConfig(null, null, null, null, null, null);
    }

    /** How workers' updates are combined on Spark. */
    public enum TrainingMaster implements ConfigEnum {
        /** DL4J's ParameterAveragingTrainingMaster: workers' parameters and optimizer states averaged. */
        @JsonProperty("averaging") AVERAGING,
        /** DL4J's SharedTrainingMaster: quantised gradients shared among workers over Aeron. */
        @JsonProperty("shared") SHARED;
    }
}
