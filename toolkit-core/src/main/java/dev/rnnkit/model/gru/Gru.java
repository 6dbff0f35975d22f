package dev.rnnkit.model.gru;

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
 * Configuration of a gated recurrent unit layer (Cho et al. 2014) for a DL4J network.
 *
 * <p>Per time step t, with input row x_t [nIn], previous output h_{t-1} [nOut] and mask m_t in {0, 1}:
 * <pre>
 *   r_t  = sigmoid(x_t W_r + h_{t-1} R_r + b_r)              reset gate
 *   u_t  = sigmoid(x_t W_u + h_{t-1} R_u + b_u)              update gate
 *   c_t  = g(x_t W_c + (r_t * h_{t-1}) R_c + b_c)            candidate, g = the layer activation (tanh by default)
 *   h_t  = m_t * (u_t * h_{t-1} + (1 - u_t) * c_t)           output and state
 * </pre>
 * {@code *} is elementwise. This is the "reset before" variant with one bias per gate: the reset gate
 * scales h_{t-1} before the recurrent product, as in Cho et al., ND4J's {@code gru}/{@code gruCell} ops
 * and Keras with {@code reset_after=False} (not the cuDNN / PyTorch "reset after" form with a second
 * bias). h_0 is zero, or the carried state in {@code rnnTimeStep} and truncated BPTT.
 *
 * <p>Parameters ({@link GruParams}): {@code W} [nIn, 3 nOut], {@code RW} [nOut, 3 nOut] and {@code b}
 * [3 nOut], gate blocks in the order reset, update, candidate, the same column layout as ND4J's
 * {@code gru} op; count {@code 3 nOut (nIn + nOut) + 3 nOut}.
 *
 * <p>Masking follows DL4J's LSTM: at a masked step the output and carried state are zero, so an
 * end-padded sequence read backwards by {@code Bidirectional} starts from a zero state at its last
 * real step. Input is [minibatch, nIn, time] (NCW, the default) or NWC if configured; the mask is
 * [minibatch, time]. Dropout, as everywhere in DL4J, applies to the layer input only.
 *
 * <p>Build one with {@code new Gru.Builder().nIn(n).nOut(h).activation(Activation.TANH)
 * .weightInit(WeightInit.XAVIER).dropOut(0.8).build()}.
 */
public class Gru extends BaseRecurrentLayer {

    /** Creates the layer from its builder. */
    protected Gru(Builder builder) {
        super(builder);
        initializeConstraints(builder);
    }

    /** For DL4J's JSON deserialisation. */
    private Gru() {
    }

    @Override
    protected void initializeConstraints(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> builder) {
        super.initializeConstraints(builder);
        Builder gruBuilder = (Builder) builder;
        List<LayerConstraint> all = constraints == null ? new ArrayList<>() : new ArrayList<>(constraints);
        addConstraints(all, gruBuilder.getRecurrentConstraints(), GruParams.RECURRENT_WEIGHT_KEY);
        addConstraints(all, gruBuilder.getInputWeightConstraints(), GruParams.INPUT_WEIGHT_KEY);
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
        LayerValidation.assertNInNOutSet("Gru", getLayerName(), layerIndex, getNIn(), getNOut());
        return dev.rnnkit.model.layers.LayerWiring.wire(new GruLayer(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return GruParams.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType.InputTypeRecurrent recurrent = (InputType.InputTypeRecurrent) inputType;
        long steps = Math.max(1, recurrent.getTimeSeriesLength());
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        // Inference: the projected input (3 nOut per step) plus the outputs; training adds the
        // five cached per-step arrays (r, u, c, pre-activation c, h_{t-1}) and their gradients.
        long inferencePerExample = steps * 4 * getNOut();
        long trainPerExample = inferencePerExample + steps * 8 * getNOut();
        Map<CacheMode, Long> trainVariable = new HashMap<>();
        for (CacheMode mode : CacheMode.values()) {
            trainVariable.put(mode, trainPerExample);
        }
        return new LayerMemoryReport.Builder(getLayerName(), Gru.class, inputType, getOutputType(-1, inputType))
                .standardMemory(numParams, updaterState)
                .workingMemory(0, inferencePerExample, MemoryReport.CACHE_MODE_ALL_ZEROS, trainVariable)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    // Lombok's equals on the DL4J base classes accepts any BaseRecurrentLayer with equal fields.
    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && super.equals(other);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Gru.class.getName().hashCode();
    }

    /** Fluent builder in DL4J style; the candidate activation defaults to tanh. */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {

        /** Starts a builder with tanh as the candidate activation. */
        public Builder() {
            this.activationFn = new ActivationTanH();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Gru build() {
            return new Gru(this);
        }
    }
}
