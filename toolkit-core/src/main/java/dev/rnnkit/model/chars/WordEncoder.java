package dev.rnnkit.model.chars;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arithmetic of one {@link CharEncoderKind}, forward and backward, over the real words of a minibatch.
 *
 * <p>A forward pass keeps what the backward pass needs (in Java arrays and in {@link NativeScratch} matrices),
 * so a backward pass belongs to the forward pass just before it; {@link CharEncoderLayer} makes sure of that.
 */
abstract class WordEncoder {

    final int vocabulary;
    final int embedding;
    final int nOut;
    final DataType type;
    final HostCopy host = new HostCopy();
    final NativeScratch scratch = new NativeScratch();

    WordEncoder(CharEncoder conf, DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalStateException("CharEncoder runs in FLOAT or DOUBLE networks, not " + type);
        }
        this.vocabulary = (int) conf.getNIn();
        this.embedding = conf.getCharEmbeddingSize();
        this.nOut = (int) conf.getNOut();
        this.type = type;
    }

    static WordEncoder of(CharEncoder conf, DataType type) {
        return conf.getKind() == CharEncoderKind.CNN ? new CnnEncoder(conf, type) : new BiLstmEncoder(conf, type);
    }

    /**
     * Encodes {@code words.count} (at least one) words into rows [count, nOut] of {@code out}.
     *
     * @param params the parameters by key (with weight noise, when configured, already applied)
     */
    abstract void forward(Words words, Map<String, INDArray> params, double[] out);

    /** From dL/d(rows) of the last forward pass, writes every parameter's gradient into its view in {@code gradients}. */
    abstract void backward(double[] rowGradient, Map<String, INDArray> gradients);

    /** Writes row-major {@code values} into a parameter or gradient view of the same length. */
    void assign(INDArray target, double[] values) {
        if (HostCopy.contiguous(target)) {
            host.write(values, 0, target, 0, (int) target.length());
        } else {
            target.assign(Nd4j.create(values, target.shape(), 'c').castTo(target.dataType()));
        }
    }

    /** c = op(a) op(b) into {@code c}, through a scratch matrix when c is not contiguous. */
    void gemm(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        if (HostCopy.contiguous(c)) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, 0.0);
        } else {
            INDArray tmp = scratch.matrix("gemm", type, c.size(0), c.size(1));
            Nd4j.gemm(a, b, tmp, transposeA, transposeB, 1.0, 0.0);
            c.assign(tmp);
        }
    }

    /** {@code a} when it holds n elements, else a larger array (contents not kept); a may be null. */
    static double[] grow(double[] a, int n) {
        return a != null && a.length >= n ? a : new double[a == null ? n : Math.max(n, a.length + a.length / 4)];
    }

    /** {@code a} when it holds n elements, else a larger array (contents not kept). */
    static int[] grow(int[] a, int n) {
        return a.length >= n ? a : new int[Math.max(n, a.length + a.length / 4)];
    }
}
