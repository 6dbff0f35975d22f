package dev.rnnkit.model.gru;

import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A bidirectional recurrent layer that outputs each direction's final state: the trainable form of
 * DL4J's {@code Bidirectional(mode, new LastTimeStep(layer))}.
 *
 * <p>Per example, the forward direction contributes its output at the last unmasked step, the
 * backward direction its output after reading back to the first step (Keras' {@code Bidirectional}
 * with {@code return_sequences=False}); the two are combined by {@code mode} into [minibatch, nOut]
 * (2 nOut for CONCAT).
 *
 * <p>Why not DL4J's own composition: in DL4J 1.0.0-M2.1 it runs forward but cannot be trained
 * ({@code BidirectionalLayer.backpropGradient} indexes the rank-2 epsilon of a {@code LastTimeStep} as
 * rank 3 in every mode), and the global network config (updater, weight init, regularisation) is never
 * copied to a layer nested two wrappers deep. Here the wrapped layer sits directly under
 * {@code Bidirectional}, so it receives the global config, and the last-step extraction is added when
 * the layer is instantiated. Works for any layer {@code Bidirectional} accepts, not only {@link Gru};
 * JSON and model files round-trip like any DL4J layer.
 */
public class BidirectionalLastStep extends Bidirectional {

    /** For DL4J's JSON deserialisation. */
    protected BidirectionalLastStep() {
    }

    /**
     * Wraps a recurrent layer.
     *
     * @param mode  how forward and backward final states are combined
     * @param layer the recurrent layer (cloned for the backward direction)
     */
    public BidirectionalLastStep(Mode mode, Layer layer) {
        super(mode, layer);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        NeuralNetConfiguration forwardConf = conf.clone();
        NeuralNetConfiguration backwardConf = conf.clone();
        forwardConf.setLayer(getFwd());
        backwardConf.setLayer(getBwd());
        INDArray flat = layerParamsView.reshape(layerParamsView.length());
        long half = layerParamsView.length() / 2;
        org.deeplearning4j.nn.api.Layer forward = getFwd().instantiate(forwardConf, trainingListeners, layerIndex,
                flat.get(NDArrayIndex.interval(0, half)), initializeParams, networkDataType);
        org.deeplearning4j.nn.api.Layer backward = getBwd().instantiate(backwardConf, trainingListeners, layerIndex,
                flat.get(NDArrayIndex.interval(half, 2 * half)), initializeParams, networkDataType);
        BidirectionalLastStepLayer layer = new BidirectionalLastStepLayer(conf,
                new LastTimeStepLayer(forward), new LastTimeStepLayer(backward), layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(getNOut());
    }

    @Override
    public long getNOut() {
        long units = ((FeedForwardLayer) getFwd()).getNOut();
        return getMode() == Mode.CONCAT ? 2 * units : units;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && super.equals(other);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + BidirectionalLastStep.class.getName().hashCode();
    }
}
