package dev.rnnkit.config;

import java.util.regex.Pattern;

/**
 * Checks a Spark master URL the way Spark reads it, so that a typo is a config error and not a failure after
 * the data has been read.
 */
public final class SparkMasters {

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?])?");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[([1-9]\\d*),\\s*([1-9]\\d*),\\s*([1-9]\\d*)]");
    private static final Pattern STANDALONE = Pattern.compile("spark://[^\\s/:,]+:\\d+(,[^\\s/:,]+:\\d+)*");
    private static final Pattern OTHER = Pattern.compile("yarn|k8s://\\S+|mesos://\\S+");

    private SparkMasters() {
    }

    /** What is wrong with {@code master}, or null when Spark accepts its form. */
    public static String problem(String master) {
        if (master == null || master.isBlank()) {
            return "is empty; expected local[*], local[N], local-cluster[N,CORES,MB], spark://HOST:PORT, yarn or k8s://...";
        }
        if (LOCAL.matcher(master).matches() || LOCAL_CLUSTER.matcher(master).matches()
                || STANDALONE.matcher(master).matches() || OTHER.matcher(master).matches()) {
            return null;
        }
        return "'" + (master.length() > 80 ? master.substring(0, 80) + "..." : master) + "' is not a Spark master; expected local[*], local[N], local-cluster[N,CORES,MB] "
                + "(N executor JVMs on this machine), spark://HOST:PORT, yarn or k8s://...";
    }

    /** Whether the master runs executors in this JVM ({@code local}, {@code local[N]}). */
    public static boolean embedded(String master) {
        return LOCAL.matcher(master).matches();
    }
}
