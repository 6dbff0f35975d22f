package dev.rnnkit.model;

import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Benchmark (not a test): time of one training step (forward + backward + update) of a single recurrent
 * layer, for each cell type, in the shape of the team's speed probe: batch 64, 50 steps, 64 inputs.
 *
 * <p>Run: {@code mvn -q -pl toolkit-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.rnnkit.model.RecurrentSpeedBenchmark [-Dexec.args="128 256"]}, with
 * {@code OMP_NUM_THREADS} set as you would train.
 */
public final class RecurrentSpeedBenchmark {

    private static final int BATCH = 64;
    private static final int STEPS = 50;
    private static final int INPUTS = 64;
    private static final int WARMUP = 3;
    private static final int MEASURED = 10;

    private RecurrentSpeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {128, 256} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf(Locale.ROOT, "batch %d, %d steps, %d inputs, OMP_NUM_THREADS=%s, median of %d steps after %d warm-up%n",
                BATCH, STEPS, INPUTS, System.getenv("OMP_NUM_THREADS"), MEASURED, WARMUP);
        System.out.printf(Locale.ROOT, "%-5s %6s %12s %12s%n", "cell", "H", "ms/step", "examples/s");
        for (int h : sizes) {
            for (String cell : List.of("lstm", "gru", "rnn")) {
                double ms = medianStepMillis(cell, h);
                System.out.printf(Locale.ROOT, "%-5s %6d %12.1f %12.0f%n", cell, h, ms, BATCH / (ms / 1000));
            }
        }
    }

    static double medianStepMillis(String cell, int stateSize) throws Exception {
        RnnkitConfig c = ConfigLoader.parse("input: {type: dense, feature_size: " + INPUTS + "}\n"
                + "encoder: [{cell_type: " + cell + ", state_size: " + stateSize + "}]\n"
                + "output: {type: sequence_regression, output_size: 1}\n", "benchmark", List.of());
        MultiLayerNetwork net = NetworkBuilder.build(c, DataShape.unknown());
        INDArray x = Nd4j.rand(new int[] {BATCH, INPUTS, STEPS});
        INDArray y = Nd4j.rand(new int[] {BATCH, 1, STEPS});
        DataSet ds = new DataSet(x, y);
        double[] times = new double[MEASURED];
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            long t0 = System.nanoTime();
            net.fit(ds);
            long t1 = System.nanoTime();
            if (i >= WARMUP) {
                times[i - WARMUP] = (t1 - t0) / 1e6;
            }
        }
        Arrays.sort(times);
        return times[MEASURED / 2];
    }
}
