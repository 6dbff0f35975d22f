package dev.rnnkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnkit.benchmark.BackendInfo;
import dev.rnnkit.benchmark.BenchmarkOptionException;
import dev.rnnkit.benchmark.BenchmarkOptions;
import dev.rnnkit.benchmark.BenchmarkResult;
import dev.rnnkit.benchmark.NativeThreads;
import dev.rnnkit.benchmark.RecurrentBenchmark;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rnnkit benchmark}: times training steps of each recurrent cell on this machine. */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Time training steps (forward, backward, Adam update) of one recurrent layer with a per-step "
                        + "regression head, for each cell and state size, on this machine's ND4J backend: "
                        + "to size a job or compare CPU and GPU.",
                "Each row is the median of the timed steps after the warm-up steps, on one random batch "
                        + "(fixed seed). Threads default to those the process started with (the ./rnnkit "
                        + "launcher sets OMP_NUM_THREADS to half the logical CPUs unless you set it)."},
        footer = {"", "Examples:",
                "  rnnkit benchmark --cells lstm,gru --sizes 128,256",
                "  rnnkit benchmark --bidirectional --threads 1 --json > bench.jsonl",
                "", "Exit codes: 0 done, 1 the run failed, 2 bad arguments."})
final class BenchmarkCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--cells", split = ",", paramLabel = "CELL",
            description = "Cells to time, comma-separated: lstm, gru, rnn (default: all three).")
    List<String> cells;

    @Option(names = "--sizes", split = ",", paramLabel = "H",
            description = "State sizes to time, comma-separated, each >= 1 (default: 128,256,512).")
    List<Integer> sizes;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "" + BenchmarkOptions.DEFAULT_BATCH,
            description = "Examples per training step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", paramLabel = "T", defaultValue = "" + BenchmarkOptions.DEFAULT_STEPS,
            description = "Time steps per sequence (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--inputs", paramLabel = "I", defaultValue = "" + BenchmarkOptions.DEFAULT_INPUTS,
            description = "Input features per time step (default: ${DEFAULT-VALUE}).")
    int inputs;

    @Option(names = "--bidirectional", description = "Time bidirectional layers (directions concatenated).")
    boolean bidirectional;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for ND4J ops, OpenMP and BLAS, set in-process (default: as started, "
                    + "i.e. OMP_NUM_THREADS). ND4J's op pool cannot grow after start-up: for more op threads "
                    + "than the process started with, also set OMP_NUM_THREADS=N. The threads that ran are reported.")
    Integer threads;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "" + BenchmarkOptions.DEFAULT_WARMUP,
            description = "Untimed steps before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "" + BenchmarkOptions.DEFAULT_REPEATS,
            description = "Timed steps; the row shows their median (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--json", description = "One JSON object per line on stdout: cell, size, bidirectional, batch, steps, inputs, "
                    + "threads, blas_threads, warmup, repeats, ms_per_step (median), min_ms, max_ms, examples_per_s, "
                    + "parameters, backend, device, blas, native_build. The backend line goes to stderr.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchmarkOptions options;
        try {
            BenchmarkOptions d = BenchmarkOptions.defaults();
            options = new BenchmarkOptions(cells == null ? d.cells() : BenchmarkOptions.parseCells(cells),
                    sizes == null ? d.sizes() : sizes, batch, steps, inputs, bidirectional, warmup, repeats,
                    threads == null ? OptionalInt.empty() : OptionalInt.of(threads));
        } catch (BenchmarkOptionException e) {
            err.println("rnnkit: --" + e.option() + " " + e.problem());
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        RecurrentBenchmark benchmark = new RecurrentBenchmark(options);
        BackendInfo backend = BackendInfo.current();
        NativeThreads running = benchmark.threadsForRun();
        (json ? err : out).println(backend.describe() + "; threads: " + running.describe() + "; batch " + batch
                + ", " + steps + " steps, " + inputs + " inputs; median of " + repeats + " steps after " + warmup
                + " warm-up");
        if (threads != null && running.opThreads() != threads) {
            err.println("rnnkit: warning: --threads " + threads + " runs as " + running.describe()
                    + "; ND4J's op pool is sized at start-up: start with OMP_NUM_THREADS=" + threads + " for more");
        }
        String row = "%-5s %-3s %6s %10s %11s %10s%n";
        if (!json) {
            out.printf(Locale.ROOT, row, "cell", "dir", "H", "ms/step", "examples/s", "params");
        }
        benchmark.run(r -> {
            if (json) {
                out.println(toJson(r, backend));
            } else {
                out.printf(Locale.ROOT, row, r.cellName(), r.bidirectional() ? "bi" : "uni", r.size(),
                        String.format(Locale.ROOT, "%.1f", r.msPerStep()),
                        String.format(Locale.ROOT, "%.0f", r.examplesPerSecond()), r.parameters());
            }
            out.flush();
        });
        return 0;
    }

    /** One result as a JSON line; times rounded to microseconds, throughput to 0.01 examples/s. */
    static String toJson(BenchmarkResult r, BackendInfo backend) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell", r.cellName());
        m.put("size", r.size());
        m.put("bidirectional", r.bidirectional());
        m.put("batch", r.batch());
        m.put("steps", r.steps());
        m.put("inputs", r.inputs());
        m.put("threads", r.threads());
        m.put("blas_threads", r.blasThreads());
        m.put("warmup", r.warmup());
        m.put("repeats", r.repeats());
        m.put("ms_per_step", round(r.msPerStep(), 3));
        m.put("min_ms", round(r.minMs(), 3));
        m.put("max_ms", round(r.maxMs(), 3));
        m.put("examples_per_s", round(r.examplesPerSecond(), 2));
        m.put("parameters", r.parameters());
        m.put("backend", backend.backend());
        m.put("device", backend.device());
        m.put("blas", backend.blas());
        m.put("native_build", backend.nativeBuild());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
