package dev.rnnkit.benchmark;

import dev.rnnkit.config.CellType;

/**
 * The timing of one cell and state size: milliseconds per training step and the throughput they give.
 *
 * @param cell              the recurrent cell
 * @param size              the state size H (per direction)
 * @param bidirectional     whether the layer read both ways
 * @param batch             examples per step
 * @param steps             time steps per sequence
 * @param inputs            input features per time step
 * @param threads           libnd4j op threads that ran (read back, not as requested)
 * @param blasThreads       BLAS threads that ran (read back); 0 where the backend has no settable BLAS
 * @param warmup            untimed steps before measuring
 * @param repeats           timed steps
 * @param msPerStep         median milliseconds of one {@code fit} (forward, backward, update) over the timed steps
 * @param minMs             the fastest timed step
 * @param maxMs             the slowest timed step
 * @param examplesPerSecond {@code batch / (msPerStep / 1000)}
 * @param parameters        trainable parameters of the network (recurrent layer and head)
 */
public record BenchmarkResult(CellType cell, int size, boolean bidirectional, int batch, int steps, int inputs,
                              int threads, int blasThreads, int warmup, int repeats, double msPerStep, double minMs,
                              double maxMs, double examplesPerSecond, long parameters) {

    /** The cell's config name, e.g. {@code lstm}. */
    public String cellName() {
        return cell.yamlName();
    }
}
