package dev.rnnkit.model.chars;

/**
 * tanh and the logistic sigmoid over ranges of Java arrays, exact or fast.
 *
 * <p>Exact ({@link Math#tanh}, {@link Math#exp}) for double-precision networks, whose gradients are checked
 * numerically. Fast for float networks: Eigen's rational approximation of tanh (as TensorFlow's CPU kernels and
 * {@code dev.rnnkit.model.recurrent.FastActivations}, which is package-private there), within 3e-7 of the exact
 * value, in a loop without calls that the JIT vectorises; sigmoid(x) = (1 + tanh(x / 2)) / 2. An ND4J op would cost
 * 2-3 ns per element here (6 ms for one forward pass of the benchmark's BiLSTM) plus a copy each way.
 */
final class Activations {

    private static final double CLAMP = 7.90531110763549805;

    private Activations() {
    }

    /** a[i] = tanh(a[i]) for i in [from, to). */
    static void tanh(double[] a, int from, int to, boolean fast) {
        // Separate loops in separate methods: each compiles (and vectorises) on its own.
        if (fast) {
            fastTanh(a, from, to);
        } else {
            exactTanh(a, from, to);
        }
    }

    /** a[i] = sigmoid(a[i]) for i in [from, to). */
    static void sigmoid(double[] a, int from, int to, boolean fast) {
        if (fast) {
            fastSigmoid(a, from, to);
        } else {
            exactSigmoid(a, from, to);
        }
    }

    private static void fastTanh(double[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = rationalTanh(a[i]);
        }
    }

    private static void exactTanh(double[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = Math.tanh(a[i]);
        }
    }

    private static void fastSigmoid(double[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = 0.5 + 0.5 * rationalTanh(0.5 * a[i]);
        }
    }

    private static void exactSigmoid(double[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = 1 / (1 + Math.exp(-a[i]));
        }
    }

    private static double rationalTanh(double value) {
        double x = Math.max(-CLAMP, Math.min(CLAMP, value));
        double x2 = x * x;
        double p = x2 * -2.76076847742355e-16 + 2.00018790482477e-13;
        p = x2 * p + -8.60467152213735e-11;
        p = x2 * p + 5.12229709037114e-08;
        p = x2 * p + 1.48572235717979e-05;
        p = x2 * p + 6.37261928875436e-04;
        p = x2 * p + 4.89352455891786e-03;
        p = x * p;
        double q = x2 * 1.19825839466702e-06 + 1.18534705686654e-04;
        q = x2 * q + 2.26843463243900e-03;
        q = x2 * q + 4.89352518554385e-03;
        return p / q;
    }
}
