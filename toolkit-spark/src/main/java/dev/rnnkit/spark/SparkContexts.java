package dev.rnnkit.spark;

import dev.rnnkit.config.SparkConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
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

    static synchronized JavaSparkContext forConfig(String runName, SparkConfig settings) {
        SparkConf conf = new SparkConf(); // reads spark.* system properties, which spark-submit sets
        boolean submitted = conf.contains("spark.master");
        if (!submitted) {
            conf.setMaster(settings.master());
        }
        if (!conf.contains("spark.app.name")) {
            conf.setAppName("rnnkit " + runName);
        }
        settings.conf().forEach(conf::set);
        SparkContext active = SparkContext.getOrCreate(conf);
        if (!submitted && !active.master().equals(settings.master())) {
            active.stop();
            active = SparkContext.getOrCreate(conf);
        }
        return JavaSparkContext.fromSparkContext(active);
    }
}
