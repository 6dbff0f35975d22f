package dev.rnnkit.spark;

import dev.rnnkit.config.SparkConfig;
import org.apache.spark.SparkConf;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/**
 * Builds DL4J's gradient-sharing training master (SharedTrainingMaster: quantised gradients over Aeron, UDP).
 *
 * <p>The driver is the controller, reached at {@code spark.driver.host}; workers bind ports from
 * {@value #BASE_PORT} up, one per executor, so that several executors can share a host. Executors need
 * {@code -Daeron.publication.unblock.timeout=60000000000} in {@code spark.executor.extraJavaOptions}.
 */
final class SharedMaster {

    private SharedMaster() {
    }

    /** The controller's UDP port; executor N uses BASE_PORT + 1 + N. */
    static final int BASE_PORT = 40200;

    static TrainingMaster<?, ?> build(SparkConf conf, int batch, SparkConfig settings, long seed) {
        String host = conf.get("spark.driver.host", "127.0.0.1");
        VoidConfiguration transport = VoidConfiguration.builder()
                .portSupplier(new ExecutorPortSupplier(BASE_PORT))
                .controllerAddress(host)
                .networkMask(host.startsWith("127.") ? "127.0.0.0/8" : null)
                .build();
        return new SharedTrainingMaster.Builder(transport, batch)
                .batchSizePerWorker(batch)
                .workerPrefetchNumBatches(settings.prefetch())
                .rngSeed(seed)
                .collectTrainingStats(false)
                .build();
    }
}
