package dev.rnnkit.model.recurrent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration base of rnnkit's recurrent layers: what an LSTM, a GRU and a simple RNN share.
 *
 * <p>Each subclass names its {@link CellKind}; parameters are {@code W} [nIn, g nOut], {@code RW}
 * [nOut, g nOut] and {@code b} [g nOut] for g gate blocks ({@link RecurrentParams}). The layer activation
 * (tanh by default) is the candidate's and, for an LSTM, the cell output's. Input is [minibatch, nIn, time]
 * (NCW) or NWC; the mask is [minibatch, time]. A masked step outputs zero and resets the state.
 *
 * <p>Dropout as in all DL4J layers drops layer inputs; {@code recurrentDropout} drops units of the previous
 * output h_{t-1} where it enters the recurrent products, with one mask per sequence for all of its steps
 * (Gal and Ghahramani 2016, Keras's {@code recurrent_dropout}); inputs are scaled by 1/(1-p) in training and
 * nothing is dropped at inference.
 */
public abstract class RecurrentCell extends BaseRecurrentLayer {

    /** Probability of dropping a unit of h_{t-1} in the recurrent products; 0 = none. */
    protected double recurrentDropout;

    /** Creates the layer from its builder. */
    protected RecurrentCell(Builder<?> builder) {
        super(builder);
        this.recurrentDropout = builder.recurrentDropout;
        initializeConstraints(builder);
    }

    /** For DL4J's JSON deserialisation. */
    protected RecurrentCell() {
    }

    /** The cell this layer computes. */
    public abstract CellKind cellKind();

    /** Probability of dropping a unit of the previous output in the recurrent products (0 = none). */
    public double getRecurrentDropout() {
        return recurrentDropout;
    }

    /** For DL4J's JSON deserialisation. */
    public void setRecurrentDropout(double recurrentDropout) {
        this.recurrentDropout = recurrentDropout;
    }

    /** Initial bias of each gate block; the LSTM's forget gate overrides it. */
    public double gateBiasInit(int gate) {
        return getBiasInit();
    }

    @Override
    protected void initializeConstraints(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> builder) {
        super.initializeConstraints(builder);
        Builder<?> cellBuilder = (Builder<?>) builder;
        List<LayerConstraint> all = constraints == null ? new ArrayList<>() : new ArrayList<>(constraints);
        addConstraints(all, cellBuilder.getRecurrentConstraints(), RecurrentParams.RECURRENT_WEIGHT_KEY);
        addConstraints(all, cellBuilder.getInputWeightConstraints(), RecurrentParams.INPUT_WEIGHT_KEY);
        constraints = all.isEmpty() ? null : all;
    }

    private static void addConstraints(List<LayerConstraint> target, List<LayerConstraint> source, String paramKey) {
        if (source == null) {
            return;
        }
        for (LayerConstraint constraint : source) {
            LayerConstraint copy = constraint.clone();
            copy.setParams(Set.of(paramKey));
            target.add(copy);
        }
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet(getClass().getSimpleName(), getLayerName(), layerIndex, getNIn(), getNOut());
        return dev.rnnkit.model.layers.LayerWiring.wire(new RecurrentCellLayer(conf, networkDataType), conf,
                trainingListeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return RecurrentParams.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType.InputTypeRecurrent recurrent = (InputType.InputTypeRecurrent) inputType;
        long steps = Math.max(1, recurrent.getTimeSeriesLength());
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        int gates = cellKind().gates();
        // Inference: input copy, gates and outputs per step; training adds the cell caches and the
        // gradients of gates, input and output.
        long inferencePerExample = steps * (getNIn() + (gates + 1) * getNOut());
        long trainPerExample = 2 * inferencePerExample + steps * 3 * getNOut();
        Map<CacheMode, Long> trainVariable = new HashMap<>();
        for (CacheMode mode : CacheMode.values()) {
            trainVariable.put(mode, trainPerExample);
        }
        return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, getOutputType(-1, inputType))
                .standardMemory(numParams, updaterState)
                .workingMemory(0, inferencePerExample, MemoryReport.CACHE_MODE_ALL_ZEROS, trainVariable)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    // Lombok's equals on the DL4J base classes accepts any BaseRecurrentLayer with equal fields.
    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && super.equals(other)
                && ((RecurrentCell) other).recurrentDropout == recurrentDropout;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + getClass().getName().hashCode()) + Double.hashCode(recurrentDropout);
    }

    /** Fluent builder in DL4J style; the activation defaults to tanh. */
    public abstract static class Builder<T extends Builder<T>> extends BaseRecurrentLayer.Builder<T> {

        private double recurrentDropout;

        /** Starts a builder with tanh as the activation. */
        protected Builder() {
            this.activationFn = new ActivationTanH();
        }

        /** Probability in [0, 1) of dropping each unit of h_{t-1} in the recurrent products (one mask per sequence). */
        @SuppressWarnings("unchecked")
        public T recurrentDropout(double probability) {
            if (!(probability >= 0 && probability < 1)) {
                throw new IllegalArgumentException("recurrent dropout must be in [0, 1), got " + probability);
            }
            this.recurrentDropout = probability;
            return (T) this;
        }
    }
}
