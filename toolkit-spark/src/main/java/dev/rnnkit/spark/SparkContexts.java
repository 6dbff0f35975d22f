package dev.rnnkit.spark;

import dev.rnnkit.config.SparkConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark context a training run uses: the one spark-submit configured, or one made from the config's master.
 *
 * <p>One context lives per JVM (a Spark rule). Under spark-submit, {@code spark.master} is already set and wins
 * over {@code training.spark.master}; otherwise a context on another master than the config's is stopped and
 * replaced, so that one process can train several configs one after another.
 */
final class SparkContexts {

    private SparkContexts() {
    }

    /** A context and whether this run made it (and so stops it at its end, also under spark-submit, as Spark's examples do). */
    record Context(JavaSparkContext sc, boolean owned) {
        void release() {
            if (owned) {
                sc.stop(); // before the JVM exits: local-cluster workers otherwise relaunch executors during shutdown
            }
        }
    }

    static synchronized Context forConfig(String runName, SparkConfig settings) {
        SparkConf conf = new SparkConf(); // reads spark.* system properties, which spark-submit sets
        boolean submitted = conf.contains("spark.master");
        if (!submitted) {
            conf.setMaster(settings.master());
        }
        if (!conf.contains("spark.app.name")) {
            conf.setAppName("rnnkit " + runName);
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false"); // rnnkit prints its own progress
        if (!submitted && settings.master().startsWith("local-cluster")) {
            forLocalCluster(conf);
        }
        settings.conf().forEach(conf::set);
        boolean existed = SparkContext$.MODULE$.getActive().isDefined();
        SparkContext active = SparkContext.getOrCreate(conf);
        if (!submitted && !active.master().equals(settings.master())) {
            active.stop();
            active = SparkContext.getOrCreate(conf);
            existed = false;
        }
        return new Context(JavaSparkContext.fromSparkContext(active), !existed);
    }

    /**
     * local-cluster executors are child JVMs started from {@code SPARK_HOME/jars}: give them this JVM's classpath
     * (which also holds rnnkit's own classes), its JDK module openings and its settings, as spark-submit would.
     */
    private static void forLocalCluster(SparkConf conf) {
        if (System.getenv("SPARK_HOME") == null) {
            throw new IllegalArgumentException("training.spark.master: local-cluster needs SPARK_HOME set to a Spark installation "
                    + "(or use toolkit-spark/rnnkit-spark, which makes one from its classpath)");
        }
        conf.setIfMissing("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        String forwarded = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.startsWith("-Daeron."))
                .collect(java.util.stream.Collectors.joining(" "));
        conf.setIfMissing("spark.executor.extraJavaOptions", forwarded);
        conf.setIfMissing("spark.executorEnv.SPARK_SCALA_VERSION", "2.12");
        conf.setIfMissing("spark.driver.host", "127.0.0.1");
        conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
}
