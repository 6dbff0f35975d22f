package dev.rnnkit.model;

import dev.rnnkit.config.OutputConfig;
import dev.rnnkit.config.RecurrentLayerConfig;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.config.SourceAttentionConfig;
import dev.rnnkit.model.layers.EmbeddingWithFeatures;
import dev.rnnkit.model.layers.InputDropout;
import dev.rnnkit.model.seq2seq.AttentionDecoder;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * The graph of a seq2seq head with an attention decoder: source ids → embedding → encoder stack, target ids shifted
 * right → target embedding, both into an {@link AttentionDecoder}, then a softmax over the target vocabulary.
 *
 * <p>Inputs, in batch order: {@value NetworkBuilder#TOKENS_INPUT} (source ids [b, 1, Ts]) and {@value #DECODER_INPUT}
 * (the decoder's input ids [b, 1, Tt]: {@code </s>} then the target without its end token), each with its mask. The
 * labels are the target ids with {@code </s>} at the end, as indices [b, 1, Tt] (sparse cross-entropy: no one-hot
 * [b, V, Tt] array for a vocabulary of thousands).
 */
final class EncoderDecoderGraph {

    /** The graph input holding the decoder's input ids (teacher forcing). */
    static final String DECODER_INPUT = "decoder_input";
    /** Vertex names. */
    static final String TARGET_EMBEDDING = "target_embedding";
    static final String DECODER = "decoder";

    private EncoderDecoderGraph() {
    }

    static ComputationGraphConfiguration configuration(RnnkitConfig config, DataShape data, DataType dataType) {
        ResolvedSizes sizes = ResolvedSizes.of(config, data);
        OutputConfig out = config.output();
        SourceAttentionConfig attention = out.attention();
        ComputationGraphConfiguration.GraphBuilder g = NetworkBuilder.global(config, dataType).graphBuilder();
        g.addInputs(NetworkBuilder.TOKENS_INPUT, DECODER_INPUT);
        int embedding = config.input().embeddingSize();
        g.addLayer(NetworkBuilder.EMBEDDING, NetworkBuilder.embeddingLayer(config, sizes, true), NetworkBuilder.TOKENS_INPUT);
        String previous = NetworkBuilder.EMBEDDING;
        List<RecurrentLayerConfig> encoder = config.expandedEncoder();
        for (int i = 0; i < encoder.size(); i++) {
            for (Layer layer : RecurrentLayers.create(encoder.get(i), "encoder_" + i, false)) {
                g.addLayer(layer.getLayerName(), layer, previous);
                previous = layer.getLayerName();
            }
        }
        int encoded = encoder.get(encoder.size() - 1).outputSize();
        g.addLayer(TARGET_EMBEDDING, new EmbeddingWithFeatures.Builder().name(TARGET_EMBEDDING).nIn(sizes.outputUnits())
                .nOut(embedding).weightInit(WeightInit.NORMAL).build(), DECODER_INPUT);
        RecurrentLayerConfig decoder = out.decoder().get(0);
        int state = decoder.stateSize();
        int attentionSize = attention.size() != null ? attention.size() : state;
        g.addVertex(DECODER, new AttentionDecoder(encoded, embedding, state, attention.score(), attentionSize,
                attention.inputFeeding()), previous, TARGET_EMBEDDING);
        RnnOutputLayer.Builder output = new RnnOutputLayer.Builder(new LossSparseMCXENT()).name(NetworkBuilder.OUTPUT)
                .nIn(state).nOut(sizes.outputUnits()).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER);
        if (decoder.dropout() > 0) {
            output.dropOut(new InputDropout(1.0 - decoder.dropout())); // on the attentional states h̃
        }
        g.addLayer(NetworkBuilder.OUTPUT, output.build(), DECODER);
        g.setOutputs(NetworkBuilder.OUTPUT);
        g.setInputTypes(InputType.recurrent(1, RNNFormat.NCW), InputType.recurrent(1, RNNFormat.NCW));
        ComputationGraphConfiguration conf = g.build();
        // setInputTypes sets every layer's nIn from its input; an embedding's nIn is its vocabulary, not its channels.
        setNIn(conf, NetworkBuilder.EMBEDDING, sizes.vocabSize());
        setNIn(conf, TARGET_EMBEDDING, sizes.outputUnits());
        return conf;
    }

    private static void setNIn(ComputationGraphConfiguration conf, String vertex, int nIn) {
        if (conf.getVertices().get(vertex) instanceof LayerVertex v && v.getLayerConf().getLayer() instanceof FeedForwardLayer layer) {
            layer.setNIn(nIn);
        }
    }
}
