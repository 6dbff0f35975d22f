package dev.rnnkit.model.recurrent;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import dev.rnnkit.platform.NativeBuild;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * C = op(A) op(B) + beta C for the kernels' matrix products.
 *
 * <p>Which path is faster depends on the native build ND4J loaded (docs/performance.md). With a oneDNN build
 * ({@code dev.rnnkit.platform.NativeBuild}'s default on x86), {@link Nd4j#gemm} runs oneDNN's AVX-512/AVX2
 * matrix product, about twice as fast as OpenBLAS here. With the generic build it ends in OpenBLAS after
 * 15-30 microseconds of op overhead per call (114 against 85 microseconds on [64 x 128] x [128 x 512]), so on
 * the CPU backend the product goes to the same OpenBLAS directly. {@code -Drnnkit.gemm=nd4j|blas} forces one
 * path, for measuring. Any other backend, or a layout BLAS cannot take as it is, goes through {@link Nd4j#gemm}.
 */
public final class Gemm {

    private static final String CHOICE = System.getProperty("rnnkit.gemm", "auto");
    static final boolean CPU = Nd4j.getBackend().getClass().getName().contains("Cpu");
    /** Whether products go straight to OpenBLAS. */
    static final boolean DIRECT = CPU && directByDefault(CHOICE);
    /**
     * Below this many multiply-adds (m n k) OpenBLAS is faster even under oneDNN, whose call costs about 15
     * microseconds more: [64 x 128] x [128 x 128] took 21 against 28 microseconds, [64 x 128] x [128 x 256]
     * 42 against 33.
     */
    private static final long SMALL = 1_500_000;

    private Gemm() {
    }

    /** C = op(A) op(B) + beta C; C must be contiguous (unit element-wise stride). */
    public static void gemm(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c, double beta) {
        long multiplyAdds = c.size(0) * c.size(1) * (transposeA ? a.size(0) : a.size(1));
        boolean viaBlas = DIRECT || (CPU && "auto".equals(CHOICE) && multiplyAdds < SMALL);
        if (!viaBlas || !direct(a, b, c)) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, beta);
            return;
        }
        boolean rowMajorC = rowMajor(c);
        int layout = rowMajorC ? CblasRowMajor : CblasColMajor;
        long m = c.size(0);
        long n = c.size(1);
        long k = transposeA ? a.size(0) : a.size(1);
        // In C's layout, a matrix stored the other way round is its own transpose.
        boolean flipA = rowMajor(a) != rowMajorC;
        boolean flipB = rowMajor(b) != rowMajorC;
        int opA = (transposeA ^ flipA) ? CblasTrans : CblasNoTrans;
        int opB = (transposeB ^ flipB) ? CblasTrans : CblasNoTrans;
        if (c.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(layout, opA, opB, (int) m, (int) n, (int) k, 1f,
                    new FloatPointer(a.data().addressPointer()), ld(a), new FloatPointer(b.data().addressPointer()), ld(b),
                    (float) beta, new FloatPointer(c.data().addressPointer()), ld(c));
        } else {
            openblas_nolapack.cblas_dgemm(layout, opA, opB, (int) m, (int) n, (int) k, 1.0,
                    new DoublePointer(a.data().addressPointer()), ld(a), new DoublePointer(b.data().addressPointer()), ld(b),
                    beta, new DoublePointer(c.data().addressPointer()), ld(c));
        }
    }

    /** A new row-major op(A) op(B). */
    public static INDArray product(INDArray a, boolean transposeA, INDArray b, boolean transposeB) {
        INDArray c = Nd4j.createUninitialized(a.dataType(), transposeA ? a.size(1) : a.size(0), transposeB ? b.size(0) : b.size(1));
        gemm(a, transposeA, b, transposeB, c, 0);
        return c;
    }

    private static boolean directByDefault(String choice) {
        return switch (choice) {
            case "blas" -> true;
            case "nd4j" -> false;
            default -> !NativeBuild.loaded().contains("onednn");
        };
    }

    private static boolean direct(INDArray a, INDArray b, INDArray c) {
        DataType type = c.dataType();
        return (type == DataType.FLOAT || type == DataType.DOUBLE) && a.dataType() == type && b.dataType() == type
                && blasMatrix(a) && blasMatrix(b) && blasMatrix(c);
    }

    /** A rank-2 array BLAS can read in place: unit stride along one dimension. */
    private static boolean blasMatrix(INDArray x) {
        if (x.rank() != 2) {
            return false;
        }
        long[] stride = x.stride();
        return (stride[1] == 1 && stride[0] >= x.size(1)) || (stride[0] == 1 && stride[1] >= x.size(0));
    }

    /** Row-major: unit stride along the columns (a single row counts as row-major). */
    private static boolean rowMajor(INDArray x) {
        long[] stride = x.stride();
        return stride[1] == 1 && stride[0] >= x.size(1);
    }

    private static int ld(INDArray x) {
        long[] stride = x.stride();
        long ld = rowMajor(x) ? Math.max(stride[0], x.size(1)) : Math.max(stride[1], x.size(0));
        return (int) Math.max(1, ld);
    }
}
