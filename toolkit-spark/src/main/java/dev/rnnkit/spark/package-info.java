/**
 * The {@code spark} training engine: DL4J's Spark training behind rnnkit's trainer, and rnnkit's Spark application.
 *
 * <p>{@link dev.rnnkit.spark.SparkEngineProvider} registers the engine (ServiceLoader); the engine writes each epoch's
 * minibatches as files a few averaging rounds at a time and fits them with {@code SparkDl4jMultiLayer} or
 * {@code SparkComputationGraph}, and runs evaluation forward passes on the executors. The module's launchers
 * ({@code rnnkit-spark}, {@code submit-smoke}) and the {@code spark-app} profile (the jar for {@code spark-submit})
 * make the rnnkit command line a Spark application.
 */
package dev.rnnkit.spark;
