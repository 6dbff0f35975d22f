package dev.rnnkit.model.crf;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/** Small networks ending in a CRF, and data for them. */
final class CrfFixtures {

    static final List<String> IOB2_TAGS = List.of("O", "B-X", "I-X", "B-Y", "I-Y");
    static final List<String> IOBES_TAGS = List.of("O", "B-X", "I-X", "E-X", "S-X");

    private CrfFixtures() {
    }

    static CrfOutput crf(int tags, CrfTransitions transitions) {
        return new CrfOutput.Builder().nOut(tags).transitions(transitions).build();
    }

    private static NeuralNetConfiguration.Builder base(DataType dataType) {
        return new NeuralNetConfiguration.Builder().seed(5).dataType(dataType).updater(new NoOp());
    }

    /** A CRF straight on the input: emissions are a linear function of each step's features. */
    static MultiLayerNetwork crfOnly(int nIn, int tags, CrfTransitions transitions, DataType dataType) {
        MultiLayerConfiguration conf = base(dataType).list()
                .layer(crf(tags, transitions))
                .setInputType(InputType.recurrent(nIn))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** LSTM(hidden) then CRF. */
    static MultiLayerNetwork lstmCrf(int nIn, int hidden, int tags, CrfTransitions transitions) {
        MultiLayerConfiguration conf = base(DataType.DOUBLE).list()
                .layer(new LSTM.Builder().nOut(hidden).activation(Activation.TANH).build())
                .layer(crf(tags, transitions))
                .setInputType(InputType.recurrent(nIn))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Per-step dense layer then CRF: DL4J puts RNN-to-FF and FF-to-RNN preprocessors around the dense layer. */
    static MultiLayerNetwork denseCrf(int nIn, int hidden, int tags, CrfTransitions transitions) {
        MultiLayerConfiguration conf = base(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nOut(hidden).activation(Activation.TANH).build())
                .layer(crf(tags, transitions))
                .setInputType(InputType.recurrent(nIn))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The graph version of {@link #lstmCrf}: input "in", LSTM "lstm", output "crf". */
    static ComputationGraph lstmCrfGraph(int nIn, int hidden, int tags, CrfTransitions transitions, DataType dataType) {
        ComputationGraphConfiguration conf = base(dataType).graphBuilder()
                .addInputs("in")
                .addLayer("lstm", new LSTM.Builder().nOut(hidden).activation(Activation.TANH).build(), "in")
                .addLayer("crf", crf(tags, transitions), "lstm")
                .setOutputs("crf")
                .setInputTypes(InputType.recurrent(nIn))
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** All parameters from N(0, scale^2), so that transitions, starts and ends are not all zero. */
    static void randomize(Model net, long seed, double scale) {
        Nd4j.getRandom().setSeed(seed);
        net.setParams(Nd4j.randn(net.params().dataType(), 1, net.numParams()).muli(scale));
    }

    static INDArray input(long seed, int batch, int nIn, int steps) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, batch, nIn, steps);
    }

    /** [batch, steps] with 1 on the first lengths[b] steps. */
    static INDArray mask(int[] lengths, int steps) {
        double[][] m = new double[lengths.length][steps];
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                m[b][t] = 1;
            }
        }
        return Nd4j.createFromArray(m);
    }

    /** One-hot [batch, tags, steps] of the paths, zero after each path's end. */
    static INDArray oneHot(int[][] paths, int tags, int steps) {
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, paths.length, tags, steps);
        for (int b = 0; b < paths.length; b++) {
            for (int t = 0; t < paths[b].length; t++) {
                labels.putScalar(new long[] {b, paths[b][t], t}, 1);
            }
        }
        return labels;
    }

    /** A random path of each length that the constraints allow (rejection sampling; lengths are short). */
    static int[][] validPaths(Random r, int[] lengths, CrfTransitions allowed) {
        int[][] paths = new int[lengths.length][];
        for (int b = 0; b < lengths.length; b++) {
            int[] y = new int[lengths[b]];
            do {
                for (int t = 0; t < y.length; t++) {
                    y[t] = r.nextInt(allowed.numTags());
                }
            } while (!allowed.isValidPath(y));
            paths[b] = y;
        }
        return paths;
    }

    /** Emissions W^T x_t + b of example b at the given steps, computed by hand from the parameters. */
    static double[][] emissions(INDArray x, int b, int length, double[][] w, double[] bias) {
        double[][] e = new double[length][bias.length];
        for (int t = 0; t < length; t++) {
            for (int j = 0; j < bias.length; j++) {
                double s = bias[j];
                for (int i = 0; i < w.length; i++) {
                    s += x.getDouble(b, i, t) * w[i][j];
                }
                e[t][j] = s;
            }
        }
        return e;
    }

    /** The decoded tags of example b over its first length steps, from a one-hot output. */
    static int[] argmaxPath(INDArray out, int b, int length) {
        int[] path = new int[length];
        for (int t = 0; t < length; t++) {
            double max = -1;
            for (int j = 0; j < out.size(1); j++) {
                if (out.getDouble(b, j, t) > max) {
                    max = out.getDouble(b, j, t);
                    path[t] = j;
                }
            }
        }
        return path;
    }

    static double[][] matrix(org.deeplearning4j.nn.api.Layer layer, String key) {
        return layer.getParam(key).castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    static double[] vector(org.deeplearning4j.nn.api.Layer layer, String key) {
        return layer.getParam(key).castTo(DataType.DOUBLE).toDoubleVector();
    }
}
