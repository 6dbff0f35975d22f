package dev.rnnkit.model.chars;

import dev.rnnkit.config.CharEncoderConfig;
import dev.rnnkit.data.WordCharacters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * End to end in float, with DL4J's workspaces: both encoders learn a tagging rule that only characters reveal
 * (a token is tagged 1 when it is capitalised and ends in "-ski", whatever its length), on tokens never seen whole.
 */
class CharEncoderTrainingTest {

    private static final WordCharacters CHARS = WordCharacters.fit(List.of("abksioAB"),
            new CharEncoderConfig(null, null, null, 8, null, null, null));
    private static final int MAX_CHARS = 8;
    private static final int STEPS = 6;

    @ParameterizedTest
    @EnumSource(CharEncoderKind.class)
    void learnsAPrefixAndSuffixRule(CharEncoderKind kind) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(new Adam(0.02))
                .list()
                .layer(new CharEncoder.Builder().kind(kind).nIn(CHARS.alphabet().size()).nOut(16).charEmbeddingSize(8).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(MAX_CHARS))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet train = sentences(new Random(1), 48);
        DataSet test = sentences(new Random(2), 32);
        double before = net.score(test);
        for (int epoch = 0; epoch < 150; epoch++) {
            net.fit(train);
        }
        assertTrue(net.score(test) < before / 4, "score " + before + " -> " + net.score(test));
        assertEquals(1.0, accuracy(net, test), 0.03);
    }

    /** Sentences of 2..6 random tokens of 1..12 characters (longer than L: truncated); label 1 for "[AB]...ski". */
    private static DataSet sentences(Random random, int count) {
        List<List<String>> sentences = new ArrayList<>();
        INDArray labels = Nd4j.zeros(DataType.FLOAT, count, 2, STEPS);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, count, STEPS);
        String letters = "abkosiAB";
        for (int b = 0; b < count; b++) {
            List<String> tokens = new ArrayList<>();
            int length = 2 + random.nextInt(STEPS - 1);
            for (int t = 0; t < length; t++) {
                StringBuilder token = new StringBuilder();
                boolean positive = random.nextBoolean();
                token.append(positive || random.nextBoolean() ? "AB".charAt(random.nextInt(2)) : "abkos".charAt(random.nextInt(5)));
                int middle = random.nextInt(9);
                for (int i = 0; i < middle; i++) {
                    token.append(letters.charAt(random.nextInt(letters.length())));
                }
                token.append(positive || random.nextBoolean() ? "ski" : "sko");
                boolean label = Character.isUpperCase(token.charAt(0)) && token.toString().endsWith("ski");
                tokens.add(token.toString());
                labels.putScalar(new long[] {b, label ? 1 : 0, t}, 1);
                mask.putScalar(b, t, 1);
            }
            sentences.add(tokens);
        }
        List<int[][]> ids = sentences.stream().map(tokens -> CHARS.encode(tokens, tokens.size())).toList();
        return new DataSet(CHARS.tensor(ids, STEPS), labels, mask, mask);
    }

    private static double accuracy(MultiLayerNetwork net, DataSet data) {
        INDArray out = net.output(data.getFeatures(), false, data.getFeaturesMaskArray(), null);
        INDArray predicted = out.argMax(1);
        INDArray expected = data.getLabels().argMax(1);
        INDArray mask = data.getFeaturesMaskArray();
        double right = 0;
        double total = 0;
        for (int b = 0; b < mask.size(0); b++) {
            for (int t = 0; t < mask.size(1); t++) {
                if (mask.getDouble(b, t) != 0) {
                    total++;
                    right += predicted.getInt(b, t) == expected.getInt(b, t) ? 1 : 0;
                }
            }
        }
        return right / total;
    }
}
