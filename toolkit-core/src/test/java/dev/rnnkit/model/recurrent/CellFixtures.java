package dev.rnnkit.model.recurrent;

import dev.rnnkit.model.gru.Gru;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/** Small double-precision networks, inputs and masks shared by the recurrent cell tests. */
public final class CellFixtures {

    public static final int N_IN = 3;
    public static final int N_OUT = 4;

    private CellFixtures() {
    }

    /** Switches ND4J to double precision, as gradient checks require. */
    public static void useDoublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** A layer of the given cell with {@code nOut} units and the given activation. */
    public static RecurrentCell cell(CellKind kind, int nOut, Activation activation) {
        RecurrentCell.Builder<?> builder = switch (kind) {
            case LSTM -> new Lstm.Builder();
            case GRU -> new Gru.Builder();
            case RNN -> new ElmanRnn.Builder();
        };
        return (RecurrentCell) builder.nOut(nOut).activation(activation).build();
    }

    /** A GRU with tanh candidate, N_IN features in, {@code nOut} units. */
    public static Gru gru(int nOut) {
        return new Gru.Builder().nOut(nOut).activation(Activation.TANH).build();
    }

    /** Configuration of the given layers over N_IN-feature sequences, double precision, no updater. */
    public static MultiLayerConfiguration config(Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(12345)
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER)
                .list();
        for (Layer layer : layers) {
            list.layer(layer);
        }
        return list.setInputType(InputType.recurrent(N_IN)).build();
    }

    /** Both directions' full sequences, as {@link dev.rnnkit.model.layers.BidirectionalLastStep} expects. */
    public static Layer bidirectionalConcat(Layer recurrent) {
        return new org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional(
                org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode.CONCAT, recurrent);
    }

    /** Each direction's final state, merged as DL4J's Bidirectional mode says. */
    public static Layer lastStep(org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional.Mode mode) {
        return new dev.rnnkit.model.layers.BidirectionalLastStep.Builder()
                .merge(dev.rnnkit.model.layers.BidirectionalLastStep.Merge.valueOf(mode.name())).build();
    }

    /** An initialised network of the given layers (see {@link #config}). */
    public static MultiLayerNetwork network(Layer... layers) {
        MultiLayerNetwork net = new MultiLayerNetwork(config(layers));
        net.init();
        return net;
    }

    /** Reproducible uniform input [batch, N_IN, steps] in [-1, 1). */
    public static INDArray input(int batch, int steps, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, batch, N_IN, steps).muli(2).subi(1);
    }

    /** Mask [lengths.length, steps] with ones on each row's first {@code lengths[i]} steps. */
    public static INDArray mask(int steps, int... lengths) {
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, lengths.length, steps);
        for (int row = 0; row < lengths.length; row++) {
            for (int t = 0; t < lengths[row]; t++) {
                mask.putScalar(row, t, 1.0);
            }
        }
        return mask;
    }

    /** Per-step one-hot labels [batch, classes, steps], class = (row + step) mod classes. */
    public static INDArray sequenceLabels(int batch, int classes, int steps) {
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, batch, classes, steps);
        for (int row = 0; row < batch; row++) {
            for (int t = 0; t < steps; t++) {
                labels.putScalar(row, (row + t) % classes, t, 1.0);
            }
        }
        return labels;
    }

    /** One-hot labels [batch, classes], class = row mod classes. */
    public static INDArray labels(int batch, int classes) {
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, batch, classes);
        for (int row = 0; row < batch; row++) {
            labels.putScalar(row, row % classes, 1.0);
        }
        return labels;
    }
}
