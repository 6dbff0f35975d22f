package dev.rnnkit.model.chars;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Benchmark (not a test): forward plus backward of both encoders in float, batch 32, T 40, L 20, nOut 50, 85 characters.
 *
 * <p>Two inputs: "full", every token real with a length uniform in 1..20 (the worst case for the LSTM's steps),
 * and "conll-like", sentence lengths uniform in 5..40 under a token mask and word lengths 1 + Poisson(5) capped at
 * 20 (CoNLL-2003 averages about 14 tokens of about 6 characters). Prints the median of 20 layer-only passes and of
 * 20 {@code fit} steps of the encoder with a softmax head (Adam), wall time and the main thread's CPU time (which
 * the other processes of a shared machine disturb less; ND4J and BLAS run in it with one OpenMP thread).
 *
 * <p>Run: {@code mvn -q -pl toolkit-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.rnnkit.model.chars.CharEncoderBenchmark [-Dexec.args="CNN BILSTM"]}, with
 * {@code OMP_NUM_THREADS} set as you would train.
 */
public final class CharEncoderBenchmark {

    private static final int BATCH = 32;
    private static final int STEPS = 40;
    private static final int MAX_CHARS = 20;
    private static final int VOCAB = 85;
    private static final int N_OUT = 50;
    private static final int REPEATS = 20;

    private CharEncoderBenchmark() {
    }

    public static void main(String[] args) {
        System.out.printf(Locale.ROOT, "batch %d, T %d, L %d, nOut %d, float, OMP_NUM_THREADS=%s, median of %d after warm-up%n",
                BATCH, STEPS, MAX_CHARS, N_OUT, System.getenv("OMP_NUM_THREADS"), REPEATS);
        System.out.printf(Locale.ROOT, "%-7s %-11s %6s %6s %18s %18s%n", "kind", "input", "words", "chars",
                "layer fwd+bwd ms", "fit step ms");
        System.out.printf(Locale.ROOT, "%-7s %-11s %6s %6s %8s %9s %8s %9s%n", "", "", "", "", "wall", "thread", "wall", "thread");
        CharEncoderKind[] kinds = args.length == 0 ? CharEncoderKind.values()
                : Arrays.stream(args).map(CharEncoderKind::valueOf).toArray(CharEncoderKind[]::new);
        for (CharEncoderKind kind : kinds) {
            for (boolean full : new boolean[] {true, false}) {
                run(kind, full);
            }
        }
    }

    private static void run(CharEncoderKind kind, boolean full) {
        Random random = new Random(42);
        INDArray input = Nd4j.zeros(DataType.FLOAT, BATCH, MAX_CHARS, STEPS);
        INDArray mask = full ? null : Nd4j.zeros(DataType.FLOAT, BATCH, STEPS);
        int words = 0;
        int chars = 0;
        for (int b = 0; b < BATCH; b++) {
            int sentence = full ? STEPS : 5 + random.nextInt(STEPS - 4);
            for (int t = 0; t < sentence; t++) {
                int length = full ? 1 + random.nextInt(MAX_CHARS) : Math.min(MAX_CHARS, 1 + poisson(random, 5));
                for (int l = 0; l < length; l++) {
                    input.putScalar(new long[] {b, l, t}, 2 + random.nextInt(VOCAB - 2));
                }
                if (mask != null) {
                    mask.putScalar(b, t, 1);
                }
                words++;
                chars += length;
            }
        }
        INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, 9, STEPS);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                labels.putScalar(new long[] {b, random.nextInt(9), t}, 1);
            }
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).updater(new Adam(1e-3))
                .list()
                .layer(new CharEncoder.Builder().kind(kind).nIn(VOCAB).nOut(N_OUT).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(9).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(MAX_CHARS))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView();

        Layer layer = net.getLayer(0);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, BATCH, N_OUT, STEPS);
        double[][] layerMs = time(() -> {
            layer.setMaskArray(mask);
            layer.activate(input, true, LayerWorkspaceMgr.noWorkspaces());
            layer.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces());
        });
        layer.setMaskArray(null);
        DataSet data = new DataSet(input, labels, mask, mask);
        double[][] fitMs = time(() -> net.fit(data));
        System.out.printf(Locale.ROOT, "%-7s %-11s %6d %6d %8.1f %9.1f %8.1f %9.1f%n", kind, full ? "full" : "conll-like", words, chars,
                median(layerMs[0]), median(layerMs[1]), median(fitMs[0]), median(fitMs[1]));
    }

    /** Wall and this thread's CPU milliseconds of each of {@link #REPEATS} runs, after 5 for warm-up. */
    private static double[][] time(Runnable step) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double[][] ms = new double[2][REPEATS];
        for (int i = -5; i < REPEATS; i++) {
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            step.run();
            if (i >= 0) {
                ms[0][i] = (System.nanoTime() - wall) / 1e6;
                ms[1][i] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
            }
        }
        return ms;
    }

    private static int poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
