package dev.rnnkit.model;

import dev.rnnkit.benchmark.BenchmarkOptions;
import dev.rnnkit.benchmark.BenchmarkResult;
import dev.rnnkit.benchmark.RecurrentBenchmark;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Benchmark (not a test): a thin main over {@link RecurrentBenchmark}, kept for existing scripts; prefer
 * {@code ./rnnkit benchmark}, which has all the options.
 *
 * <p>Run: {@code mvn -q -pl toolkit-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.rnnkit.model.RecurrentSpeedBenchmark [-Dexec.args="128 256"]}, with
 * {@code OMP_NUM_THREADS} set as you would train.
 */
public final class RecurrentSpeedBenchmark {

    private RecurrentSpeedBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkOptions d = BenchmarkOptions.defaults();
        List<Integer> sizes = args.length == 0 ? List.of(128, 256) : Arrays.stream(args).map(Integer::valueOf).toList();
        BenchmarkOptions options = new BenchmarkOptions(d.cells(), sizes, d.batch(), d.steps(), d.inputs(), false,
                d.warmup(), d.repeats(), OptionalInt.empty());
        System.out.printf(Locale.ROOT, "batch %d, %d steps, %d inputs, OMP_NUM_THREADS=%s, median of %d steps after %d warm-up%n",
                d.batch(), d.steps(), d.inputs(), System.getenv("OMP_NUM_THREADS"), d.repeats(), d.warmup());
        System.out.printf(Locale.ROOT, "%-5s %6s %12s %12s%n", "cell", "H", "ms/step", "examples/s");
        new RecurrentBenchmark(options).run((BenchmarkResult r) -> System.out.printf(Locale.ROOT, "%-5s %6d %12.1f %12.0f%n",
                r.cellName(), r.size(), r.msPerStep(), r.examplesPerSecond()));
    }
}
