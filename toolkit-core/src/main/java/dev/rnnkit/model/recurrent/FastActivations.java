package dev.rnnkit.model.recurrent;

/**
 * tanh and the logistic sigmoid over float arrays, in loops the JIT vectorises.
 *
 * <p>tanh is Eigen's rational approximation (as in TensorFlow's CPU kernels): exact to 3e-7 absolute in float,
 * 0.35 ns per element here against 2.5 ns (plus 10-20 microseconds per call) for ND4J's op; sigmoid(x) =
 * (1 + tanh(x / 2)) / 2. Used for float layers with tanh activations; double precision (gradient checks) and
 * other activations keep ND4J's ops.
 */
final class FastActivations {

    private static final float CLAMP = 7.90531110763549805f;

    private FastActivations() {
    }

    /** a[i] = tanh(a[i]) for i in [0, n). */
    static void tanh(float[] a, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = rationalTanh(a[i]);
        }
    }

    /** a[i] = sigmoid(a[i]) for i in [0, n). */
    static void sigmoid(float[] a, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = 0.5f + 0.5f * rationalTanh(0.5f * a[i]);
        }
    }

    private static float rationalTanh(float value) {
        float x = Math.max(-CLAMP, Math.min(CLAMP, value));
        float x2 = x * x;
        float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
        p = x2 * p + -8.60467152213735e-11f;
        p = x2 * p + 5.12229709037114e-08f;
        p = x2 * p + 1.48572235717979e-05f;
        p = x2 * p + 6.37261928875436e-04f;
        p = x2 * p + 4.89352455891786e-03f;
        p = x * p;
        float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
        q = x2 * q + 2.26843463243900e-03f;
        q = x2 * q + 4.89352518554385e-03f;
        return p / q;
    }
}
