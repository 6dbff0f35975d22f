package dev.rnnkit.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.config.CellType;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Tiny benchmarks of every cell one-way and bidirectional, and the thread setting's read-back. */
class RecurrentBenchmarkTest {

    private static BenchmarkOptions tiny(boolean bidirectional, OptionalInt threads) {
        return new BenchmarkOptions(List.of(CellType.values()), List.of(4, 3), 2, 3, 2, bidirectional, 1, 2, threads);
    }

    @Test
    void everyCellAndSizeOneWayAndBidirectionalGivesPositiveConsistentTimings() {
        for (boolean bi : new boolean[] {false, true}) {
            List<BenchmarkResult> results = new RecurrentBenchmark(tiny(bi, OptionalInt.empty())).run();

            assertEquals(6, results.size());
            int i = 0;
            for (int size : List.of(4, 3)) {
                for (CellType cell : CellType.values()) {
                    BenchmarkResult r = results.get(i++);
                    assertEquals(cell, r.cell());
                    assertEquals(size, r.size());
                    assertEquals(bi, r.bidirectional());
                    assertEquals(2, r.batch());
                    assertEquals(3, r.steps());
                    assertEquals(2, r.inputs());
                    assertEquals(1, r.warmup());
                    assertEquals(2, r.repeats());
                    assertTrue(r.threads() >= 1, r.toString());
                    assertTrue(r.minMs() > 0 && r.minMs() <= r.msPerStep() && r.msPerStep() <= r.maxMs(), r.toString());
                    assertEquals(r.batch() / (r.msPerStep() / 1000), r.examplesPerSecond(), 1e-9 * r.examplesPerSecond());
                    assertTrue(r.parameters() > 0, r.toString());
                }
            }
        }
    }

    @Test
    void bidirectionalLayersHaveTwiceTheRecurrentParameters() {
        BenchmarkOptions one = new BenchmarkOptions(List.of(CellType.LSTM), List.of(4), 2, 3, 2, false, 0, 1, OptionalInt.empty());
        BenchmarkOptions two = new BenchmarkOptions(List.of(CellType.LSTM), List.of(4), 2, 3, 2, true, 0, 1, OptionalInt.empty());
        // LSTM: 4H(I+H) + 4H = 112 per direction; head H*1 + 1 (one-way) or 2H*1 + 1 (both ways).
        assertEquals(112 + 5, new RecurrentBenchmark(one).run().get(0).parameters());
        assertEquals(2 * 112 + 9, new RecurrentBenchmark(two).run().get(0).parameters());
    }

    @Test
    void threadsAreSetForTheRunReportedAsTheyRanAndPutBack() {
        NativeThreads before = NativeThreads.current();
        BenchmarkResult r = new RecurrentBenchmark(tiny(false, OptionalInt.of(1))).run().get(0);
        assertEquals(1, r.threads());
        assertEquals(1, r.blasThreads());
        assertEquals(before, NativeThreads.current());

        // libnd4j's pool is fixed at start-up: more op threads than the pool run as the pool.
        int above = before.poolThreads() + 1;
        NativeThreads planned = new RecurrentBenchmark(tiny(false, OptionalInt.of(above))).threadsForRun();
        assertEquals(before.poolThreads(), planned.opThreads());
        assertEquals(above, planned.ompThreads());
        assertEquals(before, NativeThreads.current());
    }

    @Test
    void configIsTheOneLayerRegressionNetwork() {
        assertEquals("name: benchmark\ninput: {type: dense, feature_size: 64}\n"
                + "encoder: [{cell_type: gru, state_size: 128, bidirectional: true}]\n"
                + "output: {type: sequence_regression, output_size: 1}\n",
                RecurrentBenchmark.config(CellType.GRU, 128, 64, true));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, RecurrentBenchmark.median(new double[] {1, 2, 9}));
        assertEquals(2.5, RecurrentBenchmark.median(new double[] {1, 2, 3, 9}));
    }

    @Test
    void badOptionsNameTheOption() {
        List<CellType> cells = List.of(CellType.LSTM);
        assertProblem("sizes", "values must be >= 1, got 0",
                () -> new BenchmarkOptions(cells, List.of(8, 0), 2, 3, 2, false, 1, 2, OptionalInt.empty()));
        assertProblem("sizes", "must list at least one state size",
                () -> new BenchmarkOptions(cells, List.of(), 2, 3, 2, false, 1, 2, OptionalInt.empty()));
        assertProblem("batch", "must be >= 1, got 0",
                () -> new BenchmarkOptions(cells, List.of(8), 0, 3, 2, false, 1, 2, OptionalInt.empty()));
        assertProblem("steps", "must be >= 1, got -1",
                () -> new BenchmarkOptions(cells, List.of(8), 2, -1, 2, false, 1, 2, OptionalInt.empty()));
        assertProblem("inputs", "must be >= 1, got 0",
                () -> new BenchmarkOptions(cells, List.of(8), 2, 3, 0, false, 1, 2, OptionalInt.empty()));
        assertProblem("warmup", "must be >= 0, got -1",
                () -> new BenchmarkOptions(cells, List.of(8), 2, 3, 2, false, -1, 2, OptionalInt.empty()));
        assertProblem("repeats", "must be >= 1, got 0",
                () -> new BenchmarkOptions(cells, List.of(8), 2, 3, 2, false, 1, 0, OptionalInt.empty()));
        assertProblem("threads", "must be >= 1, got 0",
                () -> new BenchmarkOptions(cells, List.of(8), 2, 3, 2, false, 1, 2, OptionalInt.of(0)));
        assertProblem("cells", "must name at least one cell; valid values: lstm, gru, rnn",
                () -> new BenchmarkOptions(List.of(), List.of(8), 2, 3, 2, false, 1, 2, OptionalInt.empty()));
    }

    @Test
    void cellNamesAreTheConfigNames() {
        assertEquals(List.of(CellType.GRU, CellType.LSTM, CellType.RNN), BenchmarkOptions.parseCells(List.of("gru", " LSTM", "rnn")));
        assertProblem("cells", "has an unknown cell 'lstn' (did you mean 'lstm'?); valid values: lstm, gru, rnn",
                () -> BenchmarkOptions.parseCells(List.of("gru", "lstn")));
        assertProblem("cells", "has an unknown cell 'transformer'; valid values: lstm, gru, rnn",
                () -> BenchmarkOptions.parseCells(List.of("transformer")));
    }

    private static void assertProblem(String option, String problem, Runnable r) {
        BenchmarkOptionException e = assertThrows(BenchmarkOptionException.class, r::run);
        assertEquals(option, e.option());
        assertEquals(problem, e.problem());
        assertEquals(option + " " + problem, e.getMessage());
    }
}
