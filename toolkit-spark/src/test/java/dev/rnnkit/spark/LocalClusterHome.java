package dev.rnnkit.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * SparkConfs for tests: embedded {@code local[N]} (one JVM) and {@code local-cluster[W,C,M]} (a Master and W Workers in
 * this JVM, each Worker starting its executor as a separate JVM, so parameters, data and Aeron traffic really cross
 * process boundaries).
 *
 * <p>How a local-cluster executor is launched in Spark 3.5 (read from the 3.5.7 sources): the in-process Worker runs
 * {@code WorkerCommandBuilder}, whose java command is {@code java -cp <spark.executor.extraClassPath>:<SPARK_HOME/conf>:
 * <SPARK_HOME/jars/*> -Xmx<executor memory> <spark.executor.extraJavaOptions> CoarseGrainedExecutorBackend ...}.
 * <ul>
 *   <li>SPARK_HOME there is the Worker's, which it reads once from <em>this JVM's environment</em> ({@code SPARK_HOME},
 *       else the working directory); the {@code spark.home} conf and {@code spark.executorEnv.SPARK_HOME} are ignored
 *       for it. {@code SPARK_HOME/jars} must exist (else "Library directory ... does not exist").</li>
 *   <li>{@code SPARK_SCALA_VERSION} must be set (else "Cannot find any build directories"): from this JVM's environment
 *       or {@code spark.executorEnv.SPARK_SCALA_VERSION}; the launcher reads both.</li>
 *   <li>The executor JVM inherits this JVM's environment (OMP_NUM_THREADS included) plus {@code spark.executorEnv.*}.</li>
 * </ul>
 * This helper gives the executors this JVM's classpath, in the same order, through {@code spark.executor.extraClassPath}
 * (jars and the classes/test-classes directories alike; a {@code jars/*} wildcard would skip directories and lose the
 * order), and symlinks every classpath jar into {@code SPARK_HOME/jars} as well, so that the directory is a complete
 * Spark home for anything else that looks there. The JVM flags are this JVM's {@code --add-opens} and {@code -D}aeron
 * options (the surefire argLine), passed on as {@code spark.executor.extraJavaOptions}.
 *
 * <p>The test JVM must be started with {@code SPARK_HOME} pointing to a writable directory (toolkit-spark's surefire
 * configuration sets {@code target/spark-home}); {@link #prepare()} fills it. Executor logs are in
 * {@code SPARK_HOME/work/app-* /<executor id>/stderr}.
 */
public final class LocalClusterHome {

    /** The options forwarded to executors: module openings and Aeron's settings. */
    private static final List<String> FORWARDED_PREFIXES = List.of("--add-opens", "--add-exports", "-Daeron.");

    private LocalClusterHome() {
    }

    /** An embedded {@code local[threads]} master on loopback, UI off. */
    public static SparkConf local(String appName, int threads) {
        return common(appName).setMaster("local[" + threads + "]");
    }

    /**
     * A {@code local-cluster[workers,coresPerWorker,memoryMbPerWorker]} master: one executor JVM per worker, each with
     * {@code memoryMbPerWorker} of heap (ND4J's off-heap limit defaults to the same again).
     */
    public static SparkConf localCluster(String appName, int workers, int coresPerWorker, int memoryMbPerWorker) {
        Path home = prepare();
        return common(appName)
                .setMaster("local-cluster[" + workers + "," + coresPerWorker + "," + memoryMbPerWorker + "]")
                .set("spark.executor.memory", memoryMbPerWorker + "m")
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .set("spark.executor.extraJavaOptions", String.join(" ", executorJavaOptions()))
                .set("spark.executorEnv.SPARK_SCALA_VERSION", "2.12")
                .set("spark.executorEnv.SPARK_HOME", home.toString());
    }

    private static SparkConf common(String appName) {
        return new SparkConf()
                .setAppName(appName)
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
    }

    /** This JVM's flags that executors need too (see {@link #FORWARDED_PREFIXES}). */
    public static List<String> executorJavaOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> FORWARDED_PREFIXES.stream().anyMatch(a::startsWith))
                .collect(Collectors.toList());
    }

    /** The Worker's SPARK_HOME, made ready: {@code jars/} with a symlink per classpath jar, {@code conf/}. */
    public static synchronized Path prepare() {
        String env = System.getenv("SPARK_HOME");
        if (env == null || env.isBlank()) {
            throw new IllegalStateException("local-cluster mode needs SPARK_HOME in the environment of this JVM: the "
                    + "in-process Spark Worker reads it (not spark.home) to build the executor command, and its jars/ "
                    + "must exist. toolkit-spark's surefire configuration sets it to target/spark-home.");
        }
        Path home = Paths.get(env).toAbsolutePath();
        try {
            Path jars = Files.createDirectories(home.resolve("jars"));
            Files.createDirectories(home.resolve("conf"));
            List<String> missing = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path p = Paths.get(entry);
                if (!entry.endsWith(".jar")) {
                    continue;
                }
                if (!Files.exists(p)) {
                    missing.add(entry);
                    continue;
                }
                Path link = jars.resolve(p.getFileName());
                if (Files.isSymbolicLink(link) || Files.exists(link)) {
                    Files.delete(link);
                }
                Files.createSymbolicLink(link, p.toAbsolutePath());
            }
            if (!missing.isEmpty()) {
                System.err.println("LocalClusterHome: classpath entries not found: " + missing);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare SPARK_HOME " + home, e);
        }
        return home;
    }

    /** Blocks until {@code n} executors have registered with the driver (executors start after the context). */
    public static void awaitExecutors(JavaSparkContext sc, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sc.sc().statusTracker().getExecutorInfos().length - 1 < n) { // the driver is listed too
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + (sc.sc().statusTracker().getExecutorInfos().length - 1)
                        + " of " + n + " executors registered within " + timeout + "; executor logs: " + workDir());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The executor JVMs this JVM started (local-cluster), newest last. Their command line is read from /proc: the JDK's
     * {@code ProcessHandle.Info.commandLine()} comes back empty for these, whose classpath runs to tens of kB.
     */
    public static List<ProcessHandle> executorProcesses() {
        return ProcessHandle.current().descendants()
                .filter(p -> commandLine(p).contains("org.apache.spark.executor.CoarseGrainedExecutorBackend"))
                .collect(Collectors.toList());
    }

    static String commandLine(ProcessHandle p) {
        try {
            byte[] raw = Files.readAllBytes(Paths.get("/proc", Long.toString(p.pid()), "cmdline"));
            return new String(raw, java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return p.info().commandLine().orElse("");
        }
    }

    /** Where the Workers keep executor logs ({@code app-*}/{@code <id>}/{@code stderr}). */
    public static Path workDir() {
        return prepare().resolve("work");
    }
}
