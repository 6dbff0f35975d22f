package dev.rnnkit.model.recurrent;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies between DL4J's [minibatch, features, time] arrays (any strides) and the kernels' time-major rows.
 *
 * <p>An ND4J {@code assign} across such different layouts takes its slow general path (several ms per
 * minibatch); these loops read and write the memory directly.
 */
final class TimeMajor {

    private TimeMajor() {
    }

    /** Whether the fast copy applies: same element type, and the array is an NCW-shaped rank-3 array. */
    static boolean applies(INDArray array, Scratch s) {
        return array.dataType() == s.type() && array.rank() == 3;
    }

    /** rows[(t B + b) F + f] = source[b, f, t] for t < source.size(2). */
    static void gather(INDArray source, Mem rows) {
        long[] stride = source.stride();
        int batch = (int) source.size(0);
        int features = (int) source.size(1);
        int steps = (int) source.size(2);
        Mem in = Mem.ofAny(source);
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int row = (t * batch + b) * features;
                long at = b * stride[0] + t * stride[2];
                for (int f = 0; f < features; f++) {
                    rows.set(row + f, in.get((int) (at + f * stride[1])));
                }
            }
        }
    }

    /** target[b, f, t] = rows[(t B + b) F + f + rowOffset]. */
    static void scatter(Mem rows, int rowOffset, INDArray target) {
        long[] stride = target.stride();
        int batch = (int) target.size(0);
        int features = (int) target.size(1);
        int steps = (int) target.size(2);
        Mem out = Mem.ofAny(target);
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int row = (t * batch + b) * features + rowOffset;
                long at = b * stride[0] + t * stride[2];
                for (int f = 0; f < features; f++) {
                    out.set((int) (at + f * stride[1]), rows.get(row + f));
                }
            }
        }
    }
}
