package dev.rnnkit.benchmark;

import dev.rnnkit.config.CellType;
import dev.rnnkit.config.ConfigEnum;
import dev.rnnkit.config.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * What to time: which cells and state sizes, the shape of the batch, and how many steps to warm up and measure.
 *
 * <p>Every value is checked here and nowhere else; a bad value throws a {@link BenchmarkOptionException} that
 * names the component.
 *
 * @param cells         the cells to time, in order; at least one
 * @param sizes         the state sizes H to time for each cell, in order; each >= 1
 * @param batch         examples per training step, >= 1
 * @param steps         time steps per sequence, >= 1
 * @param inputs        input features per time step, >= 1
 * @param bidirectional time bidirectional layers (concatenated directions) instead of one-way ones
 * @param warmup        untimed training steps before measuring, >= 0
 * @param repeats       timed training steps, >= 1; the result is their median
 * @param threads       native threads for ND4J ops and BLAS during the run (>= 1); empty keeps what the process
 *                      started with ({@code OMP_NUM_THREADS})
 */
public record BenchmarkOptions(List<CellType> cells, List<Integer> sizes, int batch, int steps, int inputs,
                               boolean bidirectional, int warmup, int repeats, OptionalInt threads) {

    /** Default batch size, the team's speed-probe shape. */
    public static final int DEFAULT_BATCH = 64;
    /** Default sequence length. */
    public static final int DEFAULT_STEPS = 50;
    /** Default input features per step. */
    public static final int DEFAULT_INPUTS = 64;
    /** Default warm-up steps. */
    public static final int DEFAULT_WARMUP = 3;
    /** Default measured steps. */
    public static final int DEFAULT_REPEATS = 10;
    /** Default state sizes. */
    public static final List<Integer> DEFAULT_SIZES = List.of(128, 256, 512);

    public BenchmarkOptions {
        if (cells == null || cells.isEmpty()) {
            throw new BenchmarkOptionException("cells", "must name at least one cell; valid values: " + validCells());
        }
        cells = List.copyOf(cells);
        if (sizes == null || sizes.isEmpty()) {
            throw new BenchmarkOptionException("sizes", "must list at least one state size");
        }
        for (Integer size : sizes) {
            if (size == null || size < 1) {
                throw new BenchmarkOptionException("sizes", "values must be >= 1, got " + size);
            }
        }
        sizes = List.copyOf(sizes);
        atLeast("batch", batch, 1);
        atLeast("steps", steps, 1);
        atLeast("inputs", inputs, 1);
        atLeast("warmup", warmup, 0);
        atLeast("repeats", repeats, 1);
        threads = threads == null ? OptionalInt.empty() : threads;
        if (threads.isPresent()) {
            atLeast("threads", threads.getAsInt(), 1);
        }
    }

    /** The defaults: every cell, sizes 128, 256 and 512, batch 64, 50 steps, 64 inputs, one-way, 3 + 10 steps. */
    public static BenchmarkOptions defaults() {
        return new BenchmarkOptions(List.of(CellType.values()), DEFAULT_SIZES, DEFAULT_BATCH, DEFAULT_STEPS,
                DEFAULT_INPUTS, false, DEFAULT_WARMUP, DEFAULT_REPEATS, OptionalInt.empty());
    }

    /**
     * The cells named by their config names ({@code lstm}, {@code gru}, {@code rnn}; case and surrounding
     * blanks ignored), or a {@link BenchmarkOptionException} for {@code cells} that lists the valid names.
     */
    public static List<CellType> parseCells(Collection<String> names) {
        List<CellType> out = new ArrayList<>();
        if (names == null) {
            return out;
        }
        List<String> valid = ConfigEnum.names(CellType.class);
        for (String name : names) {
            String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
            int i = valid.indexOf(n);
            if (i < 0) {
                throw new BenchmarkOptionException("cells", "has an unknown cell '" + (name == null ? "" : name.strip())
                        + "'" + Suggestions.didYouMean(n, valid) + "; valid values: " + validCells());
            }
            out.add(CellType.values()[i]);
        }
        return out;
    }

    /** Timed configurations: cells times sizes. */
    public int configurations() {
        return cells.size() * sizes.size();
    }

    private static String validCells() {
        return String.join(", ", ConfigEnum.names(CellType.class));
    }

    private static void atLeast(String option, int value, int min) {
        if (value < min) {
            throw new BenchmarkOptionException(option, "must be >= " + min + ", got " + value);
        }
    }
}
