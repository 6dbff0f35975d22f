package dev.rnnkit.model.chars;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Products of row blocks of row-major matrices, for the BiLSTM's per-step products.
 *
 * <p>On the CPU backend they go straight to OpenBLAS with the blocks' addresses: through ND4J each would first
 * need two views (10-35 microseconds each to create) and an op call (about 15 microseconds), more than the
 * arithmetic of a step's product at these sizes. Elsewhere, or for other layouts, ND4J's product on views.
 */
final class RowBlockGemm {

    private static final boolean CPU = Nd4j.getBackend().getClass().getName().contains("Cpu");

    private RowBlockGemm() {
    }

    /**
     * Rows [cFrom, cFrom + m) of {@code c} = rows [aFrom, aFrom + m) of {@code a} times op({@code b}), plus
     * {@code beta} times those rows of c; all three c-contiguous matrices of one type.
     */
    static void gemm(INDArray a, int aFrom, int m, INDArray b, boolean transposeB, INDArray c, int cFrom, double beta) {
        int k = (int) a.size(1);
        int n = (int) c.size(1);
        DataType type = c.dataType();
        boolean direct = CPU && (type == DataType.FLOAT || type == DataType.DOUBLE) && a.dataType() == type && b.dataType() == type
                && HostCopy.contiguous(a) && HostCopy.contiguous(b) && HostCopy.contiguous(c);
        if (!direct) {
            Nd4j.gemm(NativeScratch.rows(a, aFrom, aFrom + m), b, NativeScratch.rows(c, cFrom, cFrom + m), false, transposeB, 1.0, beta);
            return;
        }
        int ldb = (int) b.size(1);
        int opB = transposeB ? CblasTrans : CblasNoTrans;
        if (type == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(CblasRowMajor, CblasNoTrans, opB, m, n, k, 1f,
                    new FloatPointer(a.data().addressPointer()).position((long) aFrom * k), k,
                    new FloatPointer(b.data().addressPointer()), ldb, (float) beta,
                    new FloatPointer(c.data().addressPointer()).position((long) cFrom * n), n);
        } else {
            openblas_nolapack.cblas_dgemm(CblasRowMajor, CblasNoTrans, opB, m, n, k, 1.0,
                    new DoublePointer(a.data().addressPointer()).position((long) aFrom * k), k,
                    new DoublePointer(b.data().addressPointer()), ldb, beta,
                    new DoublePointer(c.data().addressPointer()).position((long) cFrom * n), n);
        }
    }
}
