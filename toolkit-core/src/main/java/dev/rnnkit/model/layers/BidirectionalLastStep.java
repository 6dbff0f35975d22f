package dev.rnnkit.model.layers;

import java.util.Collection;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reduces a bidirectional layer's output to each direction's final state, then merges them.
 *
 * <p>Input: the CONCAT output of a DL4J {@code Bidirectional} layer, [batch, 2H, T], whose backward half is
 * already re-reversed into input order. The forward state is taken at the last real (unmasked) step and
 * the backward state at the first real step, where it has read the whole sequence. DL4J's own
 * {@code Bidirectional(LastTimeStep(...))} computes this forward but fails in backprop in 1.0.0-M2.1
 * (it indexes the 2D epsilon as 3D), hence this layer.
 */
public class BidirectionalLastStep extends NoParamLayer {

    /** How the two final states are combined. */
    public enum Merge { CONCAT, ADD, MUL, AVERAGE }

    private Merge merge = Merge.CONCAT;

    /** For DL4J's JSON deserialisation. */
    public BidirectionalLastStep() {
    }

    /** How the final states are combined. */
    public Merge getMerge() {
        return merge;
    }

    /** For DL4J's JSON deserialisation. */
    public void setMerge(Merge merge) {
        this.merge = merge;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BidirectionalLastStep other && super.equals(o) && merge == other.merge;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + merge.hashCode();
    }

    private BidirectionalLastStep(Builder builder) {
        super(builder);
        this.merge = builder.merge;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new BidirectionalLastStepLayer(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r)) {
            throw new IllegalStateException("BidirectionalLastStep needs recurrent input, got " + inputType);
        }
        long both = r.getSize();
        return InputType.feedForward(merge == Merge.CONCAT ? both : both / 2);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(layerName, BidirectionalLastStep.class, inputType, getOutputType(-1, inputType))
                .standardMemory(0, 0)
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** Builder: {@code new BidirectionalLastStep.Builder().merge(Merge.CONCAT).build()}. */
    public static class Builder extends org.deeplearning4j.nn.conf.layers.Layer.Builder<Builder> {
        private Merge merge = Merge.CONCAT;

        /** How the final states are combined; default concat. */
        public Builder merge(Merge merge) {
            this.merge = merge;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public BidirectionalLastStep build() {
            return new BidirectionalLastStep(this);
        }
    }
}
