package dev.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * An executor JVM killed (SIGKILL) while it trains, in local-cluster mode, during {@code fitPaths} with
 * ParameterAveragingTrainingMaster. A training hook slows each minibatch down and tells the driver, through a marker
 * file, which executor process is training; the driver kills that process (only a descendant of this JVM whose command
 * line is a CoarseGrainedExecutorBackend) and the fit must still complete: Spark marks the task lost
 * (ExecutorLostFailure), runs it again on the surviving executor, and the standalone Worker starts a replacement
 * executor.
 */
final class KillTest {

    private KillTest() {
    }

    static void run(JavaSparkContext sc, Path dir) throws Exception {
        long t0 = System.nanoTime();
        Path markers = Files.createDirectories(dir.resolve("markers"));
        List<DataSet> batches = SparkTrainingSmokeTest.batches(12, 7);
        List<String> paths = SparkTrainingSmokeTest.save(batches, dir);
        DataSet all = DataSet.merge(batches);

        List<String> taskFailures = Collections.synchronizedList(new ArrayList<>());
        List<String> executorEvents = Collections.synchronizedList(new ArrayList<>());
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                String reason = end.reason().toString();
                if (!"Success".equals(reason)) {
                    taskFailures.add("task " + end.taskInfo().id() + " on executor " + end.taskInfo().executorId()
                            + ": " + reason);
                }
            }

            @Override
            public void onExecutorAdded(SparkListenerExecutorAdded added) {
                executorEvents.add("added " + added.executorId());
            }

            @Override
            public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
                executorEvents.add("removed " + removed.executorId() + " (" + removed.reason() + ")");
            }
        };
        sc.sc().addSparkListener(listener);

        MultiLayerNetwork net = new MultiLayerNetwork(SparkTrainingSmokeTest.multiLayerConf());
        net.init();
        double lossBefore = net.score(all);
        ParameterAveragingTrainingMaster tm = new ParameterAveragingTrainingMaster.Builder(sc.defaultParallelism(),
                SparkTrainingSmokeTest.MINIBATCH)
                .batchSizePerWorker(SparkTrainingSmokeTest.MINIBATCH)
                .averagingFrequency(2)
                .workerPrefetchNumBatches(0)
                .rngSeed(SparkTrainingSmokeTest.SEED)
                .trainingHooks(new SlowHook(markers.toString(), 700))
                .build();
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, net, tm);
        JavaRDD<String> rdd = sc.parallelize(paths, 2);

        AtomicLong killed = new AtomicLong(-1);
        Thread killer = new Thread(() -> killFirstTrainingExecutor(markers, killed), "executor-killer");
        killer.setDaemon(true);
        killer.start();
        MultiLayerNetwork returned;
        try {
            returned = sparkNet.fitPaths(rdd);
            returned = sparkNet.fitPaths(rdd);
        } finally {
            killer.interrupt();
            sc.sc().removeSparkListener(listener);
        }
        double lossAfter = net.score(all);
        System.out.printf("kill test: killed executor pid %d; loss %.4f -> %.4f; %.1f s%n", killed.get(), lossBefore,
                lossAfter, (System.nanoTime() - t0) / 1e9);
        System.out.println("  task failures: " + taskFailures);
        System.out.println("  executor events: " + executorEvents);

        assertTrue(killed.get() > 0, "an executor was killed while training");
        assertTrue(taskFailures.stream().anyMatch(f -> f.contains("ExecutorLostFailure")),
                "the killed executor's task was lost: " + taskFailures);
        assertSame(net, returned);
        assertTrue(lossAfter < lossBefore, "loss fell despite the kill: " + lossBefore + " -> " + lossAfter);
    }

    /** Waits for the first marker, lets the executor train a little longer, and kills it. */
    private static void killFirstTrainingExecutor(Path markers, AtomicLong killed) {
        try {
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline) {
                Optional<Path> first;
                try (Stream<Path> s = Files.list(markers)) {
                    first = s.findFirst();
                }
                if (first.isPresent()) {
                    long pid = Long.parseLong(first.get().getFileName().toString());
                    Thread.sleep(500);
                    Optional<ProcessHandle> executor = LocalClusterHome.executorProcesses().stream()
                            .filter(p -> p.pid() == pid)
                            .findFirst();
                    if (executor.isEmpty()) {
                        System.out.println("kill test: pid " + pid + " is not an executor of this JVM: "
                                + LocalClusterHome.executorProcesses());
                        return;
                    }
                    executor.get().destroyForcibly();
                    killed.set(pid);
                    System.out.println("kill test: SIGKILL to executor pid " + pid);
                    return;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /** Runs on the executors: marks its process as training, then slows each minibatch down. */
    static final class SlowHook implements TrainingHook {
        private static final long serialVersionUID = 1L;
        private final String markerDir;
        private final long sleepMs;

        SlowHook(String markerDir, long sleepMs) {
            this.markerDir = markerDir;
            this.sleepMs = sleepMs;
        }

        private void slow() {
            try {
                Path marker = Paths.get(markerDir, Long.toString(ProcessHandle.current().pid()));
                if (!Files.exists(marker)) {
                    Files.createFile(marker);
                }
                Thread.sleep(sleepMs);
            } catch (IOException e) {
                // another task of this JVM made it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void preUpdate(org.nd4j.linalg.dataset.api.DataSet minibatch, Model model) {
            slow();
        }

        @Override
        public void postUpdate(org.nd4j.linalg.dataset.api.DataSet minibatch, Model model) {
        }

        @Override
        public void preUpdate(MultiDataSet minibatch, Model model) {
            slow();
        }

        @Override
        public void postUpdate(MultiDataSet minibatch, Model model) {
        }
    }
}
