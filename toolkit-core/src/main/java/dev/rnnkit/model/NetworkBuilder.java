package dev.rnnkit.model;

import dev.rnnkit.config.CharEncoderConfig;
import dev.rnnkit.config.DenseLayerConfig;
import dev.rnnkit.config.GradientClippingConfig;
import dev.rnnkit.config.OutputConfig;
import dev.rnnkit.config.OutputType;
import dev.rnnkit.config.RecurrentLayerConfig;
import dev.rnnkit.config.ReduceOutput;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.config.TrainingConfig;
import dev.rnnkit.model.chars.CharEncoder;
import dev.rnnkit.model.chars.CharEncoderKind;
import dev.rnnkit.model.crf.CrfOutput;
import dev.rnnkit.model.crf.CrfTransitions;
import dev.rnnkit.model.layers.AttentionPooling;
import dev.rnnkit.model.layers.EmbeddingWithFeatures;
import java.util.List;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.RepeatVector;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Builds the DL4J network a config describes.
 *
 * <p>Layer order: input (embedding, if any; with word features an {@link EmbeddingWithFeatures}) → recurrent stack →
 * reduction over time (many-to-one heads: last step, mean, max or attention) → [repeat vector → decoder stack
 * (seq2seq)] → dense layers → output layer (softmax, or a CRF for tagging). A config whose layers form this one
 * chain over one input builds a {@code MultiLayerNetwork}; with a character encoder (a second input, merged
 * with the embedding) it builds a {@code ComputationGraph}. Sizes missing from the config come from a
 * {@link DataShape}.
 */
public final class NetworkBuilder {

    private NetworkBuilder() {
    }

    /** Names of the graph inputs: token ids (with word features) and, with a character encoder, characters. */
    public static final String TOKENS_INPUT = "tokens";
    /** The graph input holding each word's characters, [batch, max_word_length, T]. */
    public static final String CHARS_INPUT = "chars";
    /** The graph input holding the word-feature channels ({@code input.word_features}), [batch, K, T]. */
    public static final String WORD_SHAPES_INPUT = "word_shapes";

    /**
     * Builds and initialises the network: a {@code MultiLayerNetwork} for a plain stack, a {@code ComputationGraph}
     * when the config needs more than one input (a character encoder).
     */
    public static Network build(RnnkitConfig config, DataShape data) {
        return needsGraph(config) ? buildGraph(config, data) : buildStack(config, data);
    }

    /** True when the config cannot be a plain stack of layers over one input array. */
    public static boolean needsGraph(RnnkitConfig config) {
        return config.input().readsCharacters() || config.output().attentionDecoder();
    }

    /** The network as a {@code MultiLayerNetwork}; fails for configs that need a graph. */
    public static Network buildStack(RnnkitConfig config, DataShape data) {
        MultiLayerConfiguration conf = configuration(config, data);
        MemoryCheck.requireFits(conf, Float.BYTES);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return Network.of(net);
    }

    /** The network as a {@code ComputationGraph}; any config can be built as one (a stack becomes a chain). */
    public static Network buildGraph(RnnkitConfig config, DataShape data) {
        ComputationGraphConfiguration conf = graphConfiguration(config, data, DataType.FLOAT);
        MemoryCheck.requireFits(conf, Float.BYTES);
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return Network.of(graph);
    }

    /** The DL4J configuration, not yet initialised. */
    public static MultiLayerConfiguration configuration(RnnkitConfig config, DataShape data) {
        return configuration(config, data, DataType.FLOAT);
    }

    /** The DL4J stack configuration with the given floating-point type (DOUBLE for gradient checks). */
    public static MultiLayerConfiguration configuration(RnnkitConfig config, DataShape data, DataType dataType) {
        if (needsGraph(config)) {
            throw new ModelBuildException("input.char_encoder", "needs a second input, so the network is a ComputationGraph");
        }
        ResolvedSizes sizes = ResolvedSizes.of(config, data);
        NeuralNetConfiguration.ListBuilder list = global(config, dataType).list();
        List<Layer> layers = layers(config, data, sizes, dataType, false);
        for (int i = 0; i < layers.size(); i++) {
            list.layer(i, layers.get(i));
        }
        if (config.training().tbpttLength() > 0) {
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTLength(config.training().tbpttLength());
        }
        // Keep the embedding's configured nIn (the vocabulary); setInputType would overwrite it with 1.
        list.overrideNinUponBuild(false);
        list.setInputType(InputType.recurrent(sizes.inputFeatures(), RNNFormat.NCW));
        return list.build();
    }

    /**
     * The DL4J graph configuration: the same layers as the stack, as a chain from the {@value #TOKENS_INPUT} input.
     * A config that needs a graph ({@link #needsGraph}) reads each input on its own: token ids on
     * {@value #TOKENS_INPUT}, word-feature channels (if any) on {@value #WORD_SHAPES_INPUT}, characters on
     * {@value #CHARS_INPUT} through the character encoder; the embedding, the features and the character encoding
     * are concatenated ({@value #WORD_FEATURES}) before the recurrent encoder. A plain stack built as a graph keeps
     * the stack's single input, so the two compute the same function on the same weights.
     */
    public static ComputationGraphConfiguration graphConfiguration(RnnkitConfig config, DataShape data, DataType dataType) {
        if (config.output().attentionDecoder()) {
            return EncoderDecoderGraph.configuration(config, data, dataType);
        }
        ResolvedSizes sizes = ResolvedSizes.of(config, data);
        ComputationGraphConfiguration.GraphBuilder g = global(config, dataType).graphBuilder();
        boolean separate = needsGraph(config);
        List<String> inputs = inputNames(config);
        g.addInputs(inputs.toArray(String[]::new));
        String previous = TOKENS_INPUT;
        for (Layer layer : layers(config, data, sizes, dataType, separate)) {
            String name = layer.getLayerName();
            g.addLayer(name, layer, previous);
            previous = name;
            if (separate && name.equals(EMBEDDING)) {
                List<String> merged = new java.util.ArrayList<>(List.of(EMBEDDING));
                if (inputs.contains(WORD_SHAPES_INPUT)) {
                    merged.add(WORD_SHAPES_INPUT);
                }
                if (inputs.contains(CHARS_INPUT)) {
                    g.addLayer(CHAR_ENCODER, charEncoder(config.input().charEncoder(), data), CHARS_INPUT);
                    merged.add(CHAR_ENCODER);
                }
                g.addVertex(WORD_FEATURES, new MergeVertex(), merged.toArray(String[]::new));
                previous = WORD_FEATURES;
            }
        }
        g.setOutputs(OUTPUT);
        if (config.training().tbpttLength() > 0) {
            g.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(config.training().tbpttLength())
                    .tBPTTBackwardLength(config.training().tbpttLength());
        }
        g.setInputTypes(graphInputTypes(config, sizes, -1));
        ComputationGraphConfiguration conf = g.build();
        // setInputTypes sets every layer's nIn from its input; the embedding's nIn is the vocabulary, not its channels.
        if (conf.getVertices().get(EMBEDDING) instanceof LayerVertex v
                && v.getLayerConf().getLayer() instanceof FeedForwardLayer embedding) {
            embedding.setNIn(sizes.vocabSize());
        }
        return conf;
    }

    /** The names of the network's inputs, in the order of a batch's features arrays. */
    public static List<String> inputNames(RnnkitConfig config) {
        if (config.output().attentionDecoder()) {
            return List.of(TOKENS_INPUT, EncoderDecoderGraph.DECODER_INPUT);
        }
        if (!needsGraph(config)) {
            return List.of(TOKENS_INPUT);
        }
        List<String> names = new java.util.ArrayList<>(List.of(TOKENS_INPUT));
        if (config.input().wordFeatureWidth() > 0) {
            names.add(WORD_SHAPES_INPUT);
        }
        if (config.input().readsCharacters()) {
            names.add(CHARS_INPUT);
        }
        return names;
    }

    /** The types of the graph's inputs, in input order; {@code steps} is the sequence length or -1 for unknown. */
    public static InputType[] graphInputTypes(RnnkitConfig config, ResolvedSizes sizes, int steps) {
        List<String> names = inputNames(config);
        InputType[] types = new InputType[names.size()];
        for (int i = 0; i < types.length; i++) {
            long size = switch (names.get(i)) {
                case WORD_SHAPES_INPUT -> config.input().wordFeatureWidth();
                case CHARS_INPUT -> config.input().charEncoder().maxWordLength();
                default -> needsGraph(config) ? 1 : sizes.inputFeatures(); // ids alone, or ids with their features
            };
            types[i] = steps > 0 ? InputType.recurrent(size, steps, RNNFormat.NCW) : InputType.recurrent(size, RNNFormat.NCW);
        }
        return types;
    }

    /** Vertex names that other code (pretrained embeddings, summaries) refers to. */
    static final String EMBEDDING = "embedding";
    static final String CHAR_ENCODER = "char_encoder";
    static final String WORD_FEATURES = "word_features";
    static final String OUTPUT = "output";

    static NeuralNetConfiguration.Builder global(RnnkitConfig config, DataType dataType) {
        TrainingConfig t = config.training();
        NeuralNetConfiguration.Builder global = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(dataType)
                .updater(Optimizers.updater(t.optimizer()));
        if (t.l2() > 0) {
            global.l2(t.l2());
        }
        if (t.weightDecay() > 0) {
            global.weightDecay(t.weightDecay());
        }
        GradientClippingConfig clip = t.gradientClipping();
        if (clip.mode() != GradientClippingConfig.Mode.NONE) {
            global.gradientNormalization(clip.mode() == GradientClippingConfig.Mode.NORM
                            ? GradientNormalization.ClipL2PerLayer
                            : GradientNormalization.ClipElementWiseAbsoluteValue)
                    .gradientNormalizationThreshold(clip.threshold());
        }
        return global;
    }

    /** The layers bottom to top: embedding, recurrent stack, reduction, [repeat + decoder], dense layers, head. */
    private static List<Layer> layers(RnnkitConfig config, DataShape data, ResolvedSizes sizes, DataType dataType,
                                      boolean separateInputs) {
        OutputConfig out = config.output();
        List<Layer> layers = new java.util.ArrayList<>();
        if (config.input().type() == dev.rnnkit.config.InputType.EMBEDDING) {
            layers.add(embeddingLayer(config, sizes, separateInputs));
        }
        boolean manyToOne = !out.type().perStep() || out.type() == OutputType.SEQ2SEQ;
        ReduceOutput reduce = out.reduceOrDefault();
        List<RecurrentLayerConfig> encoder = config.expandedEncoder();
        for (int i = 0; i < encoder.size(); i++) {
            boolean last = i == encoder.size() - 1;
            layers.addAll(RecurrentLayers.create(encoder.get(i), "encoder_" + i, manyToOne && last && reduce == ReduceOutput.LAST));
        }
        if (manyToOne && reduce == ReduceOutput.ATTENTION) {
            layers.add(attentionPooling(encoder.get(encoder.size() - 1).outputSize(), out.attentionSize()));
        } else if (manyToOne && reduce != ReduceOutput.LAST) {
            layers.add(new GlobalPoolingLayer.Builder(reduce == ReduceOutput.MEAN ? PoolingType.AVG : PoolingType.MAX)
                    .name("reduce_" + reduce.yamlName())
                    .build());
        }
        if (out.type() == OutputType.SEQ2SEQ) {
            layers.add(new RepeatVector.Builder(out.outputLength()).name("repeat").build());
            List<RecurrentLayerConfig> decoder = RnnkitConfig.expand(out.decoder());
            for (int i = 0; i < decoder.size(); i++) {
                layers.addAll(RecurrentLayers.create(decoder.get(i), "decoder_" + i, false));
            }
        }
        for (int i = 0; i < config.fcLayers().size(); i++) {
            DenseLayerConfig d = config.fcLayers().get(i);
            DenseLayer.Builder b = new DenseLayer.Builder()
                    .name("fc_" + i)
                    .nOut(d.outputSize())
                    .activation(d.activation().dl4j())
                    .weightInit(d.weightInit().dl4j());
            if (d.dropout() > 0) {
                b.dropOut(new dev.rnnkit.model.layers.InputDropout(1.0 - d.dropout())); // DL4J takes the probability of keeping a unit
            }
            layers.add(b.build());
        }
        if (out.crf()) {
            layers.add(crfOutput(config, data, sizes.outputUnits()));
        } else {
            layers.add(outputLayer(out.type(), sizes.outputUnits(),
                    LossWeights.resolve(out.classWeights(), data.classCounts(), sizes.outputUnits()), dataType));
        }
        return layers;
    }


    /**
     * The token embedding: DL4J's own, or {@link EmbeddingWithFeatures} when word features ride along with the ids in
     * a stack's single input array.
     */
    static Layer embeddingLayer(RnnkitConfig config, ResolvedSizes sizes, boolean separateInputs) {
        // In a graph with separate inputs the features are merged after the embedding, so it reads ids alone (DL4J's
        // EmbeddingSequenceLayer returns a wrongly shaped gradient inside a ComputationGraph in M2.1, hence ours).
        int extra = separateInputs ? 0 : config.input().wordFeatureWidth();
        if (extra > 0 || separateInputs) {
            return new EmbeddingWithFeatures.Builder()
                    .name(EMBEDDING)
                    .nIn(sizes.vocabSize())
                    .nOut(config.input().embeddingSize())
                    .extraFeatures(extra)
                    .weightInit(org.deeplearning4j.nn.weights.WeightInit.NORMAL)
                    .build();
        }
        return new EmbeddingSequenceLayer.Builder()
                .name(EMBEDDING)
                .nIn(sizes.vocabSize())
                .nOut(config.input().embeddingSize())
                .inferInputLength(true)
                .hasBias(false)
                .weightInit(org.deeplearning4j.nn.weights.WeightInit.NORMAL)
                .build();
    }

    /**
     * Initialises the embedding with pretrained vectors, one row per vocabulary id.
     *
     * @throws ModelBuildException when the network has no embedding or the matrix does not fit it
     */
    public static void initialiseEmbedding(Network network, INDArray vectors) {
        org.deeplearning4j.nn.api.Layer embedding = network.isGraph() ? network.graph().getLayer(EMBEDDING)
                : network.stack().getLayer(0);
        Layer first = embedding == null ? null : embedding.conf().getLayer();
        if (!(first instanceof EmbeddingSequenceLayer) && !(first instanceof EmbeddingWithFeatures)) {
            throw new ModelBuildException("data.pretrained_embeddings", "needs input.type embedding");
        }
        INDArray weights = embedding.getParam("W");
        if (!java.util.Arrays.equals(weights.shape(), vectors.shape())) {
            throw new ModelBuildException("data.pretrained_embeddings", "the vectors give a " + vectors.rows() + " x " + vectors.columns()
                    + " matrix but the embedding is " + weights.rows() + " x " + weights.columns()
                    + " (vocabulary x input.embedding_size); set input.embedding_size to " + vectors.columns());
        }
        weights.assign(vectors.castTo(weights.dataType()));
    }

    /** The head; {@code classWeights} (null for none) weight each class's cross-entropy term. */
    private static Layer outputLayer(OutputType type, int units, double[] classWeights, DataType dataType) {
        boolean categorical = type.categorical();
        // The weights live in the loss, so they are saved in the network's JSON configuration with the model.
        ILossFunction loss = !categorical ? LossFunction.MSE.getILossFunction()
                : classWeights == null ? LossFunction.MCXENT.getILossFunction()
                : new LossMCXENT(Nd4j.create(classWeights, new long[]{1, classWeights.length}, dataType));
        Activation activation = categorical ? Activation.SOFTMAX : Activation.IDENTITY;
        if (type.perStep()) {
            return new RnnOutputLayer.Builder(loss).name("output").nOut(units).activation(activation)
                    .weightInit(org.deeplearning4j.nn.weights.WeightInit.XAVIER).build();
        }
        return new OutputLayer.Builder(loss).name("output").nOut(units).activation(activation)
                .weightInit(org.deeplearning4j.nn.weights.WeightInit.XAVIER).build();
    }

    /** The character encoder on the {@value #CHARS_INPUT} input. */
    private static Layer charEncoder(CharEncoderConfig c, DataShape data) {
        Integer alphabet = c.alphabetSize() != null ? c.alphabetSize() : data.charVocabSize();
        if (alphabet == null) {
            throw new ModelBuildException("input.char_encoder.alphabet_size",
                    "is not set in the config and no data was read to take it from; set it, or build the model with data");
        }
        return new CharEncoder.Builder()
                .kind(c.type() == CharEncoderConfig.Type.BILSTM ? CharEncoderKind.BILSTM : CharEncoderKind.CNN)
                .charEmbeddingSize(c.embeddingSize())
                .kernelWidth(c.kernelWidth())
                .nIn(alphabet)
                .nOut(c.outputSize())
                .name(CHAR_ENCODER)
                .build();
    }

    /** Additive attention pooling over the real steps of the last recurrent layer. */
    private static Layer attentionPooling(int inputSize, int attentionSize) {
        return new AttentionPooling.Builder().nIn(inputSize).attentionSize(attentionSize).name("reduce_attention").build();
    }

    /** A linear-chain CRF head whose forbidden transitions come from the tag scheme of the training tags. */
    private static Layer crfOutput(RnnkitConfig config, DataShape data, int tags) {
        CrfTransitions transitions = data.classCounts() == null ? CrfTransitions.allowAll(tags)
                : CrfTransitions.forTags(data.classCounts().names(),
                dev.rnnkit.eval.TagScheme.valueOf(config.data().taggingOrDefaults().scheme().name()));
        return new CrfOutput.Builder().nOut(tags).transitions(transitions)
                .weightInit(org.deeplearning4j.nn.weights.WeightInit.XAVIER).name(OUTPUT).build();
    }
}
