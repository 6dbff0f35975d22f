package dev.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J Spark training on JDK 17, in {@code local[2]} (one JVM) and {@code local-cluster[2,1,1024]} (two executor JVMs):
 * an LSTM + RnnOutputLayer, as MultiLayerNetwork and as ComputationGraph, trained from minibatches exported to files
 * (the "export approach": {@code DataSet.save} per minibatch, then {@code fitPaths}). The toy task (the label at each
 * step is the sign of the first input at that step) is learnable, so the loss must fall.
 *
 * <p>What it pins down for the engine (ParameterAveragingTrainingMaster, dl4j-spark 1.0.0-M2): {@code getNetwork()}
 * and {@code fitPaths(..)} return the very network object passed in, its parameters updated in place, and the
 * averaged updater state (Adam's moments) is written back into that network's updater.
 */
class SparkTrainingSmokeTest {

    static final int MINIBATCH = 16;
    static final int STEPS = 10;
    static final int N_IN = 3;
    static final int N_OUT = 2;
    static final int EPOCHS = 3;
    static final long SEED = 12345;

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Local extends Suite {
        Local() {
            super(LocalClusterHome.local("rnnkit-spark-smoke-local", 2));
        }

        @Test
        void multiLayerNetworkSharedTraining(@TempDir Path dir) throws IOException {
            // One JVM: a static port of its own (the per-executor ports of SharedMaster are for executor JVMs).
            VoidConfiguration voidConf = VoidConfiguration.builder()
                    .unicastPort(40123)
                    .controllerAddress("127.0.0.1")
                    .networkMask("127.0.0.0/8")
                    .build();
            TrainingMaster<?, ?> tm = new SharedTrainingMaster.Builder(voidConf, MINIBATCH)
                    .batchSizePerWorker(MINIBATCH)
                    .workersPerNode(1)
                    .workerPrefetchNumBatches(0)
                    .rngSeed(SEED)
                    .build();
            trainMultiLayerNetwork(dir, tm, 8);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class LocalCluster extends Suite {
        LocalCluster() {
            super(LocalClusterHome.localCluster("rnnkit-spark-smoke-cluster", 2, 1, 1024));
        }

        @Override
        void started() {
            LocalClusterHome.awaitExecutors(sc, 2, Duration.ofSeconds(60));
        }

        @Test
        void executorsAreSeparateJvms() {
            List<Long> pids = sc.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 8)
                    .map(i -> ProcessHandle.current().pid()).distinct().collect();
            long self = ProcessHandle.current().pid();
            assertFalse(pids.contains(self), "tasks ran in the driver JVM");
            assertEquals(2, pids.size(), "two executor JVMs");
            System.out.println("local-cluster executor pids: " + pids + ", driver pid " + self);
        }

        @Test
        void multiLayerNetworkSharedTraining(@TempDir Path dir) throws IOException {
            sharedTraining(dir);
        }

        @Test
        void executorKilledMidFitIsRetried(@TempDir Path dir) throws Exception {
            KillTest.run(sc, dir);
        }
    }

    /** The tests both masters run; one SparkContext per master (one at a time per JVM). */
    abstract static class Suite {

        /** Gradient sharing as the spark engine sets it up (controller on loopback, a UDP port per executor). */
        void sharedTraining(Path dir) throws IOException {
            TrainingMaster<?, ?> tm = SharedMaster.build(sc.getConf(), MINIBATCH,
                    new dev.rnnkit.config.SparkConfig(null, dev.rnnkit.config.SparkConfig.TrainingMaster.SHARED, null, 0, null, null), SEED);
            trainMultiLayerNetwork(dir, tm, 8);
        }

        final SparkConf conf;
        JavaSparkContext sc;

        Suite(SparkConf conf) {
            this.conf = conf;
        }

        @BeforeAll
        void start() {
            long t0 = System.nanoTime();
            sc = new JavaSparkContext(conf);
            started();
            System.out.printf("SparkContext %s up in %.1f s%n", conf.get("spark.master"), (System.nanoTime() - t0) / 1e9);
        }

        void started() {
        }

        @AfterAll
        void stop() {
            if (sc != null) {
                sc.stop();
            }
        }

        @Test
        void multiLayerNetworkParameterAveraging(@TempDir Path dir) throws IOException {
            INDArray updater = trainMultiLayerNetwork(dir, parameterAveraging(sc, false), 8);
            assertEquals(0.0, updater.sumNumber().doubleValue(), 0.0, "saveUpdater=false: the driver's updater state is not updated");
        }

        @Test
        void computationGraphParameterAveraging(@TempDir Path dir) throws IOException {
            long t0 = System.nanoTime();
            List<DataSet> batches = batches(8, SEED);
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) {
                File f = dir.resolve("mds-" + i + ".bin").toFile();
                new MultiDataSet(batches.get(i).getFeatures(), batches.get(i).getLabels()).save(f);
                paths.add(f.getAbsolutePath());
            }
            MultiDataSet all = new MultiDataSet(DataSet.merge(batches).getFeatures(), DataSet.merge(batches).getLabels());

            ComputationGraph net = new ComputationGraph(graphConf());
            net.init();
            INDArray paramsBefore = net.params().dup();
            double lossBefore = net.score(all);
            net.getUpdater(); // created lazily; zeros before the first fit
            INDArray updaterBefore = stateView(net).dup();

            SparkComputationGraph sparkNet = new SparkComputationGraph(sc, net, parameterAveraging(sc, true));
            JavaRDD<String> rdd = sc.parallelize(paths, 2);
            ComputationGraph returned = null;
            for (int e = 0; e < EPOCHS; e++) {
                returned = sparkNet.fitPathsMultiDataSet(rdd);
            }
            double lossAfter = net.score(all);
            report("ComputationGraph / ParameterAveraging", t0, lossBefore, lossAfter, sparkNet.getScore());

            assertSame(net, sparkNet.getNetwork(), "getNetwork() is the graph passed in");
            assertSame(net, returned, "fitPathsMultiDataSet returns the graph passed in");
            assertFalse(paramsBefore.equalsWithEps(net.params(), 1e-6), "parameters changed");
            assertTrue(lossAfter < lossBefore, "loss fell: " + lossBefore + " -> " + lossAfter);
            assertNotNull(stateView(net));
            assertFalse(updaterBefore.equalsWithEps(stateView(net), 1e-9), "saveUpdater=true: updater state carried back");
        }

        /** Trains 3 epochs through fitPaths, checks the network; returns the driver's updater state after it. */
        INDArray trainMultiLayerNetwork(Path dir, TrainingMaster<?, ?> tm, int nBatches) throws IOException {
            long t0 = System.nanoTime();
            List<DataSet> batches = batches(nBatches, SEED);
            List<String> paths = save(batches, dir);
            DataSet all = DataSet.merge(batches);

            MultiLayerNetwork net = new MultiLayerNetwork(multiLayerConf());
            net.init();
            INDArray paramsBefore = net.params().dup();
            double lossBefore = net.score(all);
            INDArray updaterBefore = stateView(net).dup();

            SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, net, tm);
            JavaRDD<String> rdd = sc.parallelize(paths, 2);
            MultiLayerNetwork returned = null;
            for (int e = 0; e < EPOCHS; e++) {
                returned = sparkNet.fitPaths(rdd);
            }
            double lossAfter = net.score(all);
            report("MultiLayerNetwork / " + tm.getClass().getSimpleName(), t0, lossBefore, lossAfter,
                    sparkNet.getScore());

            assertSame(net, sparkNet.getNetwork(), "getNetwork() is the network passed in");
            assertSame(net, returned, "fitPaths returns the network passed in");
            assertFalse(paramsBefore.equalsWithEps(net.params(), 1e-6), "parameters changed");
            assertTrue(lossAfter < lossBefore, "loss fell: " + lossBefore + " -> " + lossAfter);
            assertEquals(paramsBefore.length(), net.params().length());
            System.out.println("  updater state changed on the driver: "
                    + !updaterBefore.equalsWithEps(stateView(net), 1e-9));
            return stateView(net);
        }
    }

    /**
     * numWorkers is given explicitly: with the one-argument Builder, M2's fitPaths on a SparkComputationGraph throws a
     * NullPointerException (executeTrainingPathsHelper reads the worker count from the MultiLayerNetwork wrapper, null
     * for a graph). saveUpdater defaults to false: then the workers' updater state (Adam's moments) is thrown away at
     * each averaging and the driver's network keeps its old one.
     */
    static ParameterAveragingTrainingMaster parameterAveraging(JavaSparkContext sc, boolean saveUpdater) {
        return new ParameterAveragingTrainingMaster.Builder(sc.defaultParallelism(), MINIBATCH)
                .batchSizePerWorker(MINIBATCH)
                .saveUpdater(saveUpdater)
                .averagingFrequency(2)
                .workerPrefetchNumBatches(0)
                .rngSeed(SEED)
                .build();
    }

    static INDArray stateView(MultiLayerNetwork net) {
        return net.getUpdater().getStateViewArray();
    }

    static INDArray stateView(ComputationGraph net) {
        return net.getUpdater().getStateViewArray();
    }

    static void report(String what, long t0, double before, double after, double sparkScore) {
        System.out.printf("%s: loss %.4f -> %.4f (last Spark minibatch score %.4f), %.1f s%n",
                what, before, after, sparkScore, (System.nanoTime() - t0) / 1e9);
    }

    /** Minibatches of random sequences in [-1, 1]; the label at each step is the sign of input 0 at that step. */
    /** Writes each minibatch to its own file under {@code dir} (DL4J's export approach); returns the paths. */
    static List<String> save(List<DataSet> batches, Path dir) throws IOException {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            File f = dir.resolve("ds-" + i + ".bin").toFile();
            batches.get(i).save(f);
            paths.add(f.getAbsolutePath());
        }
        return paths;
    }

    static List<DataSet> batches(int n, long seed) {
        Random rnd = new Random(seed);
        List<DataSet> out = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            INDArray x = Nd4j.zeros(MINIBATCH, N_IN, STEPS);
            INDArray y = Nd4j.zeros(MINIBATCH, N_OUT, STEPS);
            for (int i = 0; i < MINIBATCH; i++) {
                for (int t = 0; t < STEPS; t++) {
                    for (int f = 0; f < N_IN; f++) {
                        x.putScalar(new int[] {i, f, t}, rnd.nextDouble() * 2 - 1);
                    }
                    y.putScalar(new int[] {i, x.getDouble(i, 0, t) > 0 ? 1 : 0, t}, 1.0);
                }
            }
            out.add(new DataSet(x, y));
        }
        return out;
    }

    static MultiLayerConfiguration multiLayerConf() {
        return new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .updater(new Adam(0.02))
                .list()
                .layer(new LSTM.Builder().nIn(N_IN).nOut(8).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(8).nOut(N_OUT).activation(Activation.SOFTMAX).build())
                .build();
    }

    static ComputationGraphConfiguration graphConf() {
        return new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .updater(new Adam(0.02))
                .graphBuilder()
                .addInputs("in")
                .addLayer("lstm", new LSTM.Builder().nIn(N_IN).nOut(8).activation(Activation.TANH).build(), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(8).nOut(N_OUT).activation(Activation.SOFTMAX).build(), "lstm")
                .setOutputs("out")
                // Without input types the graph's RnnOutputLayer has no RNN data format and backprop fails on the
                // workers ("Sequence lengths do not match ... input=[16, 8, 10] vs. label=[16, 2, 10]").
                .setInputTypes(InputType.recurrent(N_IN, STEPS))
                .build();
    }
}
