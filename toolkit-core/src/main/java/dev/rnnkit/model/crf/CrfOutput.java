package dev.rnnkit.model.crf;

import java.util.Arrays;
import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A linear-chain CRF output layer for sequence tagging, the last layer of a network.
 *
 * <p>Input [batch, nIn, T] (NCW), labels one-hot [batch, nOut, T] over nOut tags, mask [batch, T]. Emissions are
 * {@code W^T x_t + b} per step; with learned transition scores [nOut, nOut] (tag i followed by tag j), start and end
 * scores, the loss is the negative log-likelihood of the gold tag path under the CRF (forward algorithm). The
 * output is the Viterbi path as one-hot [batch, nOut, T], zero at masked steps, so argmax-based evaluation decodes
 * the best whole path. {@link CrfTransitions} can forbid transitions (e.g. {@code O -> I-X} in IOB2); forbidden ones
 * are never decoded. Parameters and gradients: {@link CrfOutputLayer}.
 */
public class CrfOutput extends FeedForwardLayer {

    // Null tables mean "all allowed"; plain arrays keep the JSON simple.
    private boolean[][] allowed;
    private boolean[] allowedStart;
    private boolean[] allowedEnd;

    /** For DL4J's JSON deserialisation. */
    public CrfOutput() {
    }

    private CrfOutput(Builder builder) {
        super(builder);
        if (builder.transitions != null && !builder.transitions.allowsEverything()) {
            this.allowed = builder.transitions.allowedTable();
            this.allowedStart = builder.transitions.allowedStartTable();
            this.allowedEnd = builder.transitions.allowedEndTable();
        }
        initializeConstraints(builder);
    }

    /** The transition constraints over the nOut tags (all allowed unless configured). */
    public CrfTransitions transitions() {
        if (allowed == null) {
            return CrfTransitions.allowAll((int) nOut);
        }
        return new CrfTransitions(allowed, allowedStart, allowedEnd);
    }

    /** The [nOut][nOut] table of allowed transitions, or null when all are allowed. */
    public boolean[][] getAllowed() {
        return allowed;
    }

    /** For DL4J's JSON deserialisation. */
    public void setAllowed(boolean[][] allowed) {
        this.allowed = allowed;
    }

    /** Which tags may open a sentence, or null when the transition table is null. */
    public boolean[] getAllowedStart() {
        return allowedStart;
    }

    /** For DL4J's JSON deserialisation. */
    public void setAllowedStart(boolean[] allowedStart) {
        this.allowedStart = allowedStart;
    }

    /** Which tags may close a sentence, or null when the transition table is null. */
    public boolean[] getAllowedEnd() {
        return allowedEnd;
    }

    /** For DL4J's JSON deserialisation. */
    public void setAllowedEnd(boolean[] allowedEnd) {
        this.allowedEnd = allowedEnd;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrfOutput other && super.equals(o) && Arrays.deepEquals(allowed, other.allowed)
                && Arrays.equals(allowedStart, other.allowedStart) && Arrays.equals(allowedEnd, other.allowedEnd);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * super.hashCode() + Arrays.deepHashCode(allowed)) + Arrays.hashCode(allowedStart))
                + Arrays.hashCode(allowedEnd);
    }

    /** Deep-copies the tables, which DL4J's shallow clone would share. */
    @Override
    public CrfOutput clone() {
        CrfOutput copy = (CrfOutput) super.clone();
        if (allowed != null) {
            copy.allowed = new boolean[allowed.length][];
            for (int i = 0; i < allowed.length; i++) {
                copy.allowed[i] = allowed[i].clone();
            }
        }
        copy.allowedStart = allowedStart == null ? null : allowedStart.clone();
        copy.allowedEnd = allowedEnd == null ? null : allowedEnd.clone();
        return copy;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        checkTables();
        return dev.rnnkit.model.layers.LayerWiring.wire(new CrfOutputLayer(conf, networkDataType), conf, listeners,
                layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return CrfParams.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r)) {
            throw new IllegalStateException("CrfOutput (layer " + layerIndex + ") needs recurrent input [batch, nIn, T], got "
                    + inputType);
        }
        if (r.getFormat() != RNNFormat.NCW) {
            throw new IllegalStateException("CrfOutput (layer " + layerIndex + ") reads NCW input [batch, nIn, T], got "
                    + r.getFormat());
        }
        return InputType.recurrent(nOut, r.getTimeSeriesLength(), RNNFormat.NCW);
    }

    /** Recurrent input passes unchanged (FeedForwardLayer would flatten it); feed-forward input is unflattened. */
    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputType, RNNFormat.NCW, getLayerName());
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        // Forward-backward tables: alpha, beta and emissions per step and tag, in doubles.
        long working = 3 * out.arrayElementsPerExample() * 2;
        return new LayerMemoryReport.Builder(layerName, CrfOutput.class, inputType, out)
                .standardMemory(params, getIUpdater() == null ? 0 : getIUpdater().stateSize(params))
                .workingMemory(0, working, 0, working)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    private void checkTables() {
        if (allowed == null) {
            if (allowedStart != null || allowedEnd != null) {
                throw new IllegalStateException("CrfOutput: start/end tables without a transition table");
            }
            return;
        }
        if (allowed.length != nOut || allowedStart == null || allowedEnd == null) {
            throw new IllegalStateException("CrfOutput: transition tables must cover nOut = " + nOut + " tags, got "
                    + allowed.length + (allowedStart == null || allowedEnd == null ? " and missing start/end tables" : ""));
        }
        // Validates the shapes.
        transitions();
    }

    /**
     * Builder: {@code new CrfOutput.Builder().nIn(hidden).nOut(tags).transitions(CrfTransitions.forTags(labels, scheme)).build()}.
     */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private CrfTransitions transitions;

        /** Identity activation: the layer's output is a decoded path, no activation applies. */
        public Builder() {
            this.activationFn = new ActivationIdentity();
        }

        /** Allowed transitions, starts and ends over the nOut tags; default everything allowed. */
        public Builder transitions(CrfTransitions transitions) {
            this.transitions = transitions;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public CrfOutput build() {
            if (nOut < 1) {
                throw new IllegalStateException("CrfOutput needs nOut (number of tags) >= 1, got " + nOut);
            }
            if (transitions != null && transitions.numTags() != nOut) {
                throw new IllegalStateException("CrfOutput: transitions cover " + transitions.numTags()
                        + " tags but nOut is " + nOut);
            }
            return new CrfOutput(this);
        }
    }
}
