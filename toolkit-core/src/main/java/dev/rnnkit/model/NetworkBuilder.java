package dev.rnnkit.model;

import dev.rnnkit.config.DenseLayerConfig;
import dev.rnnkit.config.GradientClippingConfig;
import dev.rnnkit.config.OutputConfig;
import dev.rnnkit.config.OutputType;
import dev.rnnkit.config.RecurrentLayerConfig;
import dev.rnnkit.config.ReduceOutput;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.config.TrainingConfig;
import dev.rnnkit.model.layers.EmbeddingWithFeatures;
import java.util.List;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
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
 * <p>Layer order: input (embedding, if any; with word features an {@link EmbeddingWithFeatures}) → recurrent stack → reduction over time (many-to-one
 * heads) → [repeat vector → decoder stack (seq2seq)] → dense layers → output layer. Sizes missing from
 * the config come from a {@link DataShape}.
 */
public final class NetworkBuilder {

    private NetworkBuilder() {
    }

    /** Builds and initialises the network. */
    public static MultiLayerNetwork build(RnnkitConfig config, DataShape data) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(config, data));
        net.init();
        return net;
    }

    /** The DL4J configuration, not yet initialised. */
    public static MultiLayerConfiguration configuration(RnnkitConfig config, DataShape data) {
        return configuration(config, data, DataType.FLOAT);
    }

    /** The DL4J configuration with the given floating-point type (DOUBLE for gradient checks). */
    public static MultiLayerConfiguration configuration(RnnkitConfig config, DataShape data, DataType dataType) {
        ResolvedSizes sizes = ResolvedSizes.of(config, data);
        TrainingConfig t = config.training();
        OutputConfig out = config.output();

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

        NeuralNetConfiguration.ListBuilder list = global.list();
        int index = 0;
        if (config.input().type() == dev.rnnkit.config.InputType.EMBEDDING) {
            list.layer(index++, embeddingLayer(config, sizes));
        }

        boolean manyToOne = !out.type().perStep() || out.type() == OutputType.SEQ2SEQ;
        ReduceOutput reduce = out.reduceOrDefault();
        List<RecurrentLayerConfig> encoder = config.expandedEncoder();
        for (int i = 0; i < encoder.size(); i++) {
            boolean last = i == encoder.size() - 1;
            for (Layer layer : RecurrentLayers.create(encoder.get(i), "encoder_" + i, manyToOne && last && reduce == ReduceOutput.LAST)) {
                list.layer(index++, layer);
            }
        }
        if (manyToOne && reduce != ReduceOutput.LAST) {
            list.layer(index++, new GlobalPoolingLayer.Builder(reduce == ReduceOutput.MEAN ? PoolingType.AVG : PoolingType.MAX)
                    .name("reduce_" + reduce.yamlName())
                    .build());
        }
        if (out.type() == OutputType.SEQ2SEQ) {
            list.layer(index++, new RepeatVector.Builder(out.outputLength()).name("repeat").build());
            List<RecurrentLayerConfig> decoder = RnnkitConfig.expand(out.decoder());
            for (int i = 0; i < decoder.size(); i++) {
                for (Layer layer : RecurrentLayers.create(decoder.get(i), "decoder_" + i, false)) {
                    list.layer(index++, layer);
                }
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
                b.dropOut(1.0 - d.dropout()); // DL4J takes the probability of keeping a unit
            }
            list.layer(index++, b.build());
        }
        list.layer(index, outputLayer(out.type(), sizes.outputUnits(),
                LossWeights.resolve(out.classWeights(), data.classCounts(), sizes.outputUnits()), dataType));

        if (t.tbpttLength() > 0) {
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTLength(t.tbpttLength());
        }
        // Keep the embedding's configured nIn (the vocabulary); setInputType would overwrite it with 1.
        list.overrideNinUponBuild(false);
        list.setInputType(InputType.recurrent(sizes.inputFeatures(), RNNFormat.NCW));
        return list.build();
    }

    /** The token embedding: DL4J's own, or {@link EmbeddingWithFeatures} when word features ride along with the ids. */
    private static Layer embeddingLayer(RnnkitConfig config, ResolvedSizes sizes) {
        int extra = config.input().wordFeatureWidth();
        if (extra > 0) {
            return new EmbeddingWithFeatures.Builder()
                    .name("embedding")
                    .nIn(sizes.vocabSize())
                    .nOut(config.input().embeddingSize())
                    .extraFeatures(extra)
                    .weightInit(org.deeplearning4j.nn.weights.WeightInit.NORMAL)
                    .build();
        }
        return new EmbeddingSequenceLayer.Builder()
                .name("embedding")
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
    public static void initialiseEmbedding(MultiLayerNetwork net, INDArray vectors) {
        Layer first = net.getLayerWiseConfigurations().getConf(0).getLayer();
        if (!(first instanceof EmbeddingSequenceLayer) && !(first instanceof EmbeddingWithFeatures)) {
            throw new ModelBuildException("data.pretrained_embeddings", "needs input.type embedding");
        }
        INDArray weights = net.getLayer(0).getParam("W");
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
}
