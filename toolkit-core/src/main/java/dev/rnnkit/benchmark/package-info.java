/**
 * Times training steps of single recurrent layers on the machine at hand, to size a job or compare CPU and GPU.
 *
 * <p>{@link dev.rnnkit.benchmark.RecurrentBenchmark} builds, for each cell and state size of a
 * {@link dev.rnnkit.benchmark.BenchmarkOptions}, the network a config with one encoder layer and a
 * {@code sequence_regression} head gives, and times {@code fit} on one fixed-seed random batch: warm-up steps
 * first, then the median, minimum and maximum of the measured steps, as a
 * {@link dev.rnnkit.benchmark.BenchmarkResult}. {@link dev.rnnkit.benchmark.NativeThreads} reads and sets the
 * threads ND4J's native ops and BLAS use in this process; {@link dev.rnnkit.benchmark.BackendInfo} names the
 * backend, device and BLAS library.
 */
package dev.rnnkit.benchmark;
