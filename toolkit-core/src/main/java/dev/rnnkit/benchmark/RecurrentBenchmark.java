package dev.rnnkit.benchmark;

import dev.rnnkit.config.CellType;
import dev.rnnkit.config.ConfigException;
import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.model.DataShape;
import dev.rnnkit.model.NetworkBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times training steps of one recurrent layer per cell and state size, with the networks rnnkit builds.
 *
 * <p>Each configuration is the config {@code input: dense} ({@code inputs} features) → one encoder layer
 * ({@code cell_type}, {@code state_size}, optionally {@code bidirectional: true}) → a {@code sequence_regression}
 * head with one output, built by {@link NetworkBuilder}. One random batch (seed {@value #DATA_SEED}) is fitted
 * {@code warmup} times untimed, then {@code repeats} times timed with {@link System#nanoTime()}. Runs on the
 * calling thread; with {@link BenchmarkOptions#threads()} set, the native threads are changed for the run and
 * put back afterwards.
 */
public final class RecurrentBenchmark {

    /** Seed of the random inputs and targets. */
    public static final long DATA_SEED = 12345L;

    private final BenchmarkOptions options;

    /** A benchmark of {@code options}. */
    public RecurrentBenchmark(BenchmarkOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    /** Times every cell and size, in the order of the options (sizes outer, cells inner). */
    public List<BenchmarkResult> run() {
        List<BenchmarkResult> out = new ArrayList<>();
        run(out::add);
        return out;
    }

    /** Times every cell and size, handing each result to {@code listener} as soon as it is measured. */
    public void run(Consumer<BenchmarkResult> listener) {
        NativeThreads before = NativeThreads.current();
        NativeThreads running = options.threads().isPresent() ? NativeThreads.set(options.threads().getAsInt()) : before;
        try {
            for (int size : options.sizes()) {
                for (CellType cell : options.cells()) {
                    listener.accept(measure(cell, size, running));
                }
            }
        } finally {
            if (options.threads().isPresent()) {
                before.restore();
            }
        }
    }

    /** The threads a run of these options will use, without running: what {@link #run()} sets, read back. */
    public NativeThreads threadsForRun() {
        if (options.threads().isEmpty()) {
            return NativeThreads.current();
        }
        NativeThreads before = NativeThreads.current();
        try {
            return NativeThreads.set(options.threads().getAsInt());
        } finally {
            before.restore();
        }
    }

    /** The config text of one timed network. */
    public static String config(CellType cell, int stateSize, int inputs, boolean bidirectional) {
        return "name: benchmark\n"
                + "input: {type: dense, feature_size: " + inputs + "}\n"
                + "encoder: [{cell_type: " + cell.yamlName() + ", state_size: " + stateSize
                + (bidirectional ? ", bidirectional: true" : "") + "}]\n"
                + "output: {type: sequence_regression, output_size: 1}\n";
    }

    private BenchmarkResult measure(CellType cell, int size, NativeThreads threads) {
        RnnkitConfig c;
        try {
            c = ConfigLoader.parse(config(cell, size, options.inputs(), options.bidirectional()), "benchmark", List.of());
        } catch (ConfigException e) {
            throw new IllegalStateException("benchmark config rejected: " + e.getMessage(), e);
        }
        MultiLayerNetwork net = NetworkBuilder.build(c, DataShape.unknown()).stack();
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(DATA_SEED);
        INDArray x = Nd4j.rand(rng, options.batch(), options.inputs(), options.steps());
        INDArray y = Nd4j.rand(rng, options.batch(), 1, options.steps());
        DataSet ds = new DataSet(x, y);
        for (int i = 0; i < options.warmup(); i++) {
            net.fit(ds);
        }
        double[] ms = new double[options.repeats()];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            net.fit(ds);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double median = median(ms);
        return new BenchmarkResult(cell, size, options.bidirectional(), options.batch(), options.steps(),
                options.inputs(), threads.opThreads(), threads.blasThreads(), options.warmup(), options.repeats(),
                median, ms[0], ms[ms.length - 1], options.batch() / (median / 1000), net.numParams());
    }

    /** The median of sorted values: the middle one, or the mean of the two middle ones. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
