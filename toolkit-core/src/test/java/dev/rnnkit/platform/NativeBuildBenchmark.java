package dev.rnnkit.platform;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.*;

/**
 * Micro-benchmark of the libnd4j build that loaded (docs/performance.md, "Native builds"): in-place sigmoid/tanh,
 * mul/add/rsub/assign on [64,128] views, muliColumnVector, Nd4j.gemm into a view (50 calls each, best and median of
 * {@code reps} repetitions, microseconds per call) and one DL4J LSTM training step. Run several builds interleaved
 * with toolkit-core/scripts/native-builds-bench.sh. Args: reps (default 15).
 */
public final class NativeBuildBenchmark {
    interface Op { void run(); }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int iters = 50;
        Nd4j.getRandom().setSeed(42);
        var ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        String lib = Loader.getLoadedLibraries().entrySet().stream()
                .filter(e -> e.getKey().contains("nd4jcpu")).map(Map.Entry::getValue).findFirst().orElse("?");
        System.out.println("binaryLevel=" + ops.binaryLevel() + " optimalLevel=" + ops.optimalLevel() + " lib=" + lib);

        INDArray s = Nd4j.rand(DataType.FLOAT, 64, 512).subi(0.5);
        INDArray gates = Nd4j.rand(DataType.FLOAT, 64, 512);
        INDArray g2 = Nd4j.rand(DataType.FLOAT, 64, 512);
        INDArray va = gates.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 128));
        INDArray vb = g2.get(NDArrayIndex.all(), NDArrayIndex.interval(128, 256));
        INDArray ca = Nd4j.rand(DataType.FLOAT, 64, 128), cb = Nd4j.rand(DataType.FLOAT, 64, 128);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 128);
        INDArray w = Nd4j.rand(DataType.FLOAT, 128, 512);
        INDArray out = Nd4j.create(DataType.FLOAT, 128, 512);
        INDArray outView = out.get(NDArrayIndex.interval(0, 64), NDArrayIndex.all());
        INDArray col = Nd4j.rand(DataType.FLOAT, 64, 1);
        INDArray big = Nd4j.rand(DataType.FLOAT, 64, 512);

        LinkedHashMap<String, Op> bench = new LinkedHashMap<>();
        bench.put("sigmoid[64,512] inplace", () -> Transforms.sigmoid(s, false));
        bench.put("tanh[64,512] inplace", () -> Transforms.tanh(s, false));
        bench.put("mul [64,128] views", () -> va.muli(vb));
        bench.put("add [64,128] views", () -> va.addi(vb));
        bench.put("mul/add [64,128] contig", () -> { ca.muli(cb); ca.addi(cb); });
        bench.put("rsub+assign [64,128] view", () -> { ca.rsubi(1.0); va.assign(ca); });
        bench.put("muliColumnVector [64,512]", () -> big.muliColumnVector(col));
        bench.put("gemm [64,128]x[128,512] view", () -> Nd4j.gemm(x, w, outView, false, false, 1.0, 0.0));

        // correctness of the gemm path against a plain Java loop
        Nd4j.gemm(x, w, outView, false, false, 1.0, 0.0);
        double maxErr = 0;
        double[][] xd = x.toDoubleMatrix(), wd = w.toDoubleMatrix(), od = outView.toDoubleMatrix();
        for (int i = 0; i < 64; i++) for (int j = 0; j < 512; j++) {
            double ref = 0; for (int k = 0; k < 128; k++) ref += xd[i][k] * wd[k][j];
            maxErr = Math.max(maxErr, Math.abs(ref - od[i][j]));
        }
        System.out.printf(Locale.ROOT, "RESULT\tgemm max abs err vs double ref\tmin_us=%.2e\tmed_us=%.2e%n", maxErr, maxErr);
        for (Op op : bench.values()) for (int i = 0; i < 200; i++) op.run(); // warm-up
        for (var e : bench.entrySet()) {
            double[] t = new double[reps];
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < iters; i++) e.getValue().run();
                t[r] = (System.nanoTime() - t0) / 1e3 / iters; // us per op
                if (Math.abs(s.getFloat(0)) > 1e30) System.out.print(""); // keep results live
                s.assign(gates.mul(1.0)); va.assign(0.5); ca.assign(0.5); big.assign(1.0);
            }
            Arrays.sort(t);
            System.out.printf(Locale.ROOT, "RESULT\t%s\tmin_us=%.2f\tmed_us=%.2f%n", e.getKey(), t[0], t[reps / 2]);
        }
        // whole DL4J LSTM training step, B=64 T=50 I=64 H=128
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(1)
                .updater(new org.nd4j.linalg.learning.config.Adam(1e-3)).list()
                .layer(new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nIn(64).nOut(128)
                        .activation(org.nd4j.linalg.activations.Activation.TANH).build())
                .layer(new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder().nIn(128).nOut(10)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX)
                        .lossFunction(org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).build())
                .build();
        var net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(conf); net.init();
        INDArray in = Nd4j.rand(DataType.FLOAT, 64, 64, 50);
        INDArray lab = Nd4j.zeros(DataType.FLOAT, 64, 10, 50); lab.get(NDArrayIndex.all(), NDArrayIndex.point(3), NDArrayIndex.all()).assign(1);
        for (int i = 0; i < 3; i++) net.fit(in, lab);
        int steps = Math.max(5, reps / 2); double[] st = new double[steps];
        for (int i = 0; i < steps; i++) { long t0 = System.nanoTime(); net.fit(in, lab); st[i] = (System.nanoTime() - t0) / 1e3; }
        Arrays.sort(st);
        System.out.printf(Locale.ROOT, "RESULT\tLSTM-128 fit step B64 T50\tmin_us=%.0f\tmed_us=%.0f%n", st[0], st[steps / 2]);
        System.out.printf(Locale.ROOT, "RESULT\tLSTM-128 score after fits\tmin_us=%.6f\tmed_us=%.6f%n", net.score(), net.score());
    }
}
