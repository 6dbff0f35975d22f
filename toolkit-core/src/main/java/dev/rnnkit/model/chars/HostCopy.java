package dev.rnnkit.model.chars;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between ND4J arrays and Java double arrays, for the encoders' element-wise passes.
 *
 * <p>A copy is one memory copy through a JavaCPP pointer (float arrays through a reused float buffer), not an
 * ND4J op, which costs 10-20 microseconds before any work; element access through NIO buffers would pay bounds
 * and scope checks per element. The passes themselves run on plain Java arrays, in double precision.
 */
final class HostCopy {

    private float[] work = new float[0];

    /** Copies n elements of {@code a}, from its c-order flat index {@code from}, into {@code target[at..]}. */
    void read(INDArray a, long from, double[] target, int at, int n) {
        if (n == 0) {
            return;
        }
        checkRange(a, from, n);
        copyOut(a, from, target, at, n);
    }

    /** The copy of {@link #read}, for any array whose buffer holds the wanted elements from {@code from} on. */
    private void copyOut(INDArray a, long from, double[] target, int at, int n) {
        Nd4j.getAffinityManager().ensureLocation(a, AffinityManager.Location.HOST);
        if (a.dataType() == DataType.DOUBLE) {
            new DoublePointer(a.data().addressPointer()).position(from).get(target, at, n);
        } else {
            float[] w = work(n);
            new FloatPointer(a.data().addressPointer()).position(from).get(w, 0, n);
            for (int i = 0; i < n; i++) {
                target[at + i] = w[i];
            }
        }
    }

    /** Copies {@code source[at..at+n)} into {@code a} from its c-order flat index {@code to}. */
    void write(double[] source, int at, INDArray a, long to, int n) {
        if (n == 0) {
            return;
        }
        checkRange(a, to, n);
        Nd4j.getAffinityManager().ensureLocation(a, AffinityManager.Location.HOST);
        if (a.dataType() == DataType.DOUBLE) {
            new DoublePointer(a.data().addressPointer()).position(to).put(source, at, n);
        } else {
            float[] w = work(n);
            for (int i = 0; i < n; i++) {
                w[i] = (float) source[at + i];
            }
            new FloatPointer(a.data().addressPointer()).position(to).put(w, 0, n);
        }
        Nd4j.getAffinityManager().tagLocation(a, AffinityManager.Location.HOST);
    }

    /** All of {@code a} in c order (any layout, any real type). */
    double[] values(INDArray a) {
        double[] out = new double[(int) a.length()];
        if (a.length() == 0) {
            return out;
        }
        INDArray source = a.dataType() == DataType.DOUBLE || a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.DOUBLE);
        if (contiguous(source)) {
            read(source, 0, out, 0, out.length);
        } else if (source.rank() == 3 && densePermutation(source)) {
            // A permuted layout of a whole buffer (as recurrent layers return them): one copy, then reorder here.
            double[] raw = new double[out.length];
            copyOut(source, 0, raw, 0, raw.length);
            long[] stride = source.stride();
            int s0 = (int) source.size(0);
            int s1 = (int) source.size(1);
            int s2 = (int) source.size(2);
            int i = 0;
            for (int x = 0; x < s0; x++) {
                for (int y = 0; y < s1; y++) {
                    long base = x * stride[0] + y * stride[1];
                    for (int z = 0; z < s2; z++) {
                        out[i++] = raw[(int) (base + z * stride[2])];
                    }
                }
            }
        } else {
            read(source.dup('c'), 0, out, 0, out.length);
        }
        return out;
    }

    /** Whether the array's elements are its buffer's, in c order, from its first element on. */
    static boolean contiguous(INDArray a) {
        long expected = 1;
        for (int i = a.rank() - 1; i >= 0; i--) {
            // A dimension of size 1 may have any stride.
            if (a.size(i) != 1 && a.stride(i) != expected) {
                return false;
            }
            expected *= a.size(i);
        }
        return true;
    }

    /** Whether the array is its buffer's elements from offset 0 in some order of dimensions (a permuted whole array). */
    private static boolean densePermutation(INDArray a) {
        if (a.offset() != 0 || a.data().length() < a.length()) {
            return false;
        }
        long[] stride = a.stride().clone();
        long[] size = a.shape().clone();
        long expected = 1;
        for (int done = 0; done < stride.length; done++) {
            int next = -1;
            for (int i = 0; i < stride.length; i++) {
                if (size[i] > 0 && (next < 0 || stride[i] < stride[next])) {
                    next = i;
                }
            }
            if (size[next] > 1 && stride[next] != expected) {
                return false;
            }
            expected *= size[next];
            size[next] = 0;
        }
        return true;
    }

    private static void checkRange(INDArray a, long from, int n) {
        if (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("character encoders run in FLOAT or DOUBLE, not " + a.dataType());
        }
        if (!contiguous(a) || from < 0 || from + n > a.length()) {
            throw new IllegalArgumentException("host copy of [" + from + ", " + (from + n) + ") needs a c-contiguous array of at least "
                    + "that length, got " + a.shapeInfoToString());
        }
    }

    private float[] work(int n) {
        if (work.length < n) {
            work = new float[Math.max(n, work.length + work.length / 2)];
        }
        return work;
    }
}
