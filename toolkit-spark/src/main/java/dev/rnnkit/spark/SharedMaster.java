package dev.rnnkit.spark;

import dev.rnnkit.config.SparkConfig;
import org.deeplearning4j.spark.api.TrainingMaster;

/** Builds DL4J's gradient-sharing training master (SharedTrainingMaster over Aeron). */
final class SharedMaster {

    private SharedMaster() {
    }

    static TrainingMaster<?, ?> build(int workers, int batch, SparkConfig settings, long seed) {
        throw new IllegalArgumentException("training.spark.training_master: shared is not available yet; use averaging");
    }
}
