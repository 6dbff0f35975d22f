package dev.rnnkit.benchmark;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The native threads ND4J uses in this process, as read back from libnd4j, OpenMP and the BLAS library.
 *
 * <p>At start-up ND4J sizes its op thread pool, OpenMP and BLAS from {@code OMP_NUM_THREADS} (else from the
 * cores). {@link #set(int)} changes them in-process: libnd4j's per-op threads
 * ({@code Environment.setMaxMasterThreads}), OpenMP ({@code NativeOps.setOmpNumThreads}, which applies to
 * the calling thread) and BLAS ({@code Blas.setMaxThreads}, {@code openblas_set_num_threads} on the CPU
 * backend). libnd4j cannot grow its pool after start-up, so op threads above {@link #poolThreads()} stay at
 * the pool size: read the result to know what will run.
 *
 * @param opThreads   threads libnd4j uses per op ({@code Environment.maxMasterThreads()})
 * @param poolThreads size of libnd4j's thread pool, fixed at start-up ({@code Environment.maxThreads()})
 * @param ompThreads  OpenMP's maximum threads for parallel regions started from the calling thread
 * @param blasThreads threads the BLAS library uses ({@code Blas.getMaxThreads()}); 0 where the backend has none
 */
public record NativeThreads(int opThreads, int poolThreads, int ompThreads, int blasThreads) {

    /** The threads as they are now, read on the calling thread. */
    public static NativeThreads current() {
        Environment env = Nd4j.getEnvironment();
        return new NativeThreads(env.maxMasterThreads(), env.maxThreads(),
                NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(), readBlasThreads());
    }

    /**
     * Sets op, OpenMP and BLAS threads to {@code n} (>= 1) and returns what took effect; call it on the thread
     * that then runs the work.
     */
    public static NativeThreads set(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        return apply(n, n, n);
    }

    /** Puts back threads read earlier with {@link #current()}, and returns what took effect. */
    public NativeThreads restore() {
        return apply(opThreads, ompThreads, blasThreads);
    }

    /** One line, e.g. {@code 2 op threads (pool 2), 2 OpenMP, 2 BLAS}. */
    public String describe() {
        return opThreads + " op thread" + (opThreads == 1 ? "" : "s") + " (pool " + poolThreads + "), "
                + ompThreads + " OpenMP, " + blasThreads + " BLAS";
    }

    private static NativeThreads apply(int op, int omp, int blas) {
        Nd4j.getEnvironment().setMaxMasterThreads(op);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(omp);
        if (blas > 0) {
            try {
                Nd4j.factory().blas().setMaxThreads(blas);
            } catch (UnsupportedOperationException e) {
                // a backend without a settable BLAS (e.g. cuBLAS): its count reads back as is
            }
        }
        return current();
    }

    private static int readBlasThreads() {
        try {
            return Nd4j.factory().blas().getMaxThreads();
        } catch (UnsupportedOperationException e) {
            return 0;
        }
    }
}
