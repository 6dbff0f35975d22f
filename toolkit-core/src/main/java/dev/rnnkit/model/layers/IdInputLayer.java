package dev.rnnkit.model.layers;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;

/**
 * A layer configuration that reads ids per time step, so its nIn is a vocabulary size, not the input's width.
 *
 * <p>DL4J sets every layer's nIn from its input type when a network is built; an id-reading layer (a word
 * embedding, a character encoder) keeps the vocabulary its builder was given, takes recurrent input as it is,
 * and reports its parameters and output as memory.
 */
public abstract class IdInputLayer extends FeedForwardLayer {

    /** For DL4J's JSON deserialisation. */
    protected IdInputLayer() {
    }

    protected IdInputLayer(Builder<?> builder) {
        super(builder);
    }

    /** nIn is the vocabulary, not the input width: it is never taken from the input type. */
    @Override
    public void setNIn(InputType inputType, boolean override) {
        // The vocabulary size comes from the builder only.
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return inputType != null && inputType.getType() == InputType.Type.RNN ? null : super.getPreProcessorForInputType(inputType);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, out)
                .standardMemory(params, getIUpdater() == null ? 0 : getIUpdater().stateSize(params))
                .workingMemory(0, 0, 0, out.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }
}
