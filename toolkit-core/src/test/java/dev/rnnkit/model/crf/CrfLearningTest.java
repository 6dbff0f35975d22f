package dev.rnnkit.model.crf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.eval.TagScheme;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Training a float network with a CRF output on a task that per-step classification cannot solve.
 *
 * <p>Tokens are "o" or "e"; every run of e's is one entity, so an e is {@code B-X} after an o (or first) and
 * {@code I-X} after another e. The layer sees only the current token, so a per-step softmax must give every e the
 * same tag, while the CRF's transition scores tell B from I.
 */
class CrfLearningTest {

    static final List<String> TAGS = List.of("O", "B-X", "I-X");
    static final int MAX_LEN = 10;

    /** Features [n, 2, MAX_LEN] (one-hot o/e), labels [n, 3, MAX_LEN], mask for lengths 3..MAX_LEN. */
    static DataSet data(long seed, int n) {
        Random r = new Random(seed);
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, 2, MAX_LEN);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, TAGS.size(), MAX_LEN);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, n, MAX_LEN);
        for (int b = 0; b < n; b++) {
            int length = 3 + r.nextInt(MAX_LEN - 2);
            boolean prevE = false;
            for (int t = 0; t < length; t++) {
                boolean e = r.nextBoolean();
                x.putScalar(new long[] {b, e ? 1 : 0, t}, 1);
                y.putScalar(new long[] {b, e ? (prevE ? 2 : 1) : 0, t}, 1);
                mask.putScalar(b, t, 1);
                prevE = e;
            }
        }
        return new DataSet(x, y, mask, mask);
    }

    static MultiLayerNetwork net(Layer output) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(9).dataType(DataType.FLOAT).updater(new Adam(0.1))
                .list()
                .layer(output)
                .setInputType(InputType.recurrent(2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Token accuracy over the real steps, overall or (eOnly) on e tokens; counts IOB2-invalid decoded paths into invalid[0]. */
    static double accuracy(INDArray out, DataSet ds, boolean eOnly, int[] invalid) {
        CrfTransitions iob2 = CrfTransitions.forTags(TAGS, TagScheme.IOB2);
        int right = 0;
        int total = 0;
        for (int b = 0; b < out.size(0); b++) {
            int length = ds.getLabelsMaskArray().getRow(b).sumNumber().intValue();
            int[] path = CrfFixtures.argmaxPath(out, b, length);
            invalid[0] += iob2.isValidPath(path) ? 0 : 1;
            for (int t = 0; t < length; t++) {
                if (eOnly && ds.getFeatures().getDouble(b, 1, t) == 0) {
                    continue;
                }
                total++;
                right += ds.getLabels().getDouble(b, path[t], t) == 1 ? 1 : 0;
            }
        }
        return right / (double) total;
    }

    @Test
    void crfLearnsBeginVersusInsideWhereSoftmaxCannot() {
        DataSet train = data(1, 64);
        DataSet test = data(2, 100);
        MultiLayerNetwork crf = net(new CrfOutput.Builder().nOut(3)
                .transitions(CrfTransitions.forTags(TAGS, TagScheme.IOB2)).build());
        MultiLayerNetwork softmax = net(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(3).activation(Activation.SOFTMAX).build());

        double before = crf.score(train, false);
        for (int i = 0; i < 150; i++) {
            crf.fit(train);
            softmax.fit(train);
        }
        double after = crf.score(train, false);
        assertTrue(after < 0.05 * before, "NLL " + before + " -> " + after);

        int[] invalid = {0};
        INDArray crfOut = crf.output(test.getFeatures(), false, test.getFeaturesMaskArray(), null);
        assertEquals(1.0, accuracy(crfOut, test, false, invalid));
        assertEquals(0, invalid[0]);
        // DL4J's argmax evaluation reads the one-hot Viterbi output as any classifier's.
        var eval = crf.evaluate(new org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator(test));
        assertEquals(1.0, eval.accuracy());
        assertEquals(test.getLabelsMaskArray().sumNumber().longValue(), eval.getNumRowCounter());
        // Every e looks the same to a per-step classifier: it gets about the share of the majority tag among e's.
        double softmaxOnE = accuracy(softmax.output(test.getFeatures(), false, test.getFeaturesMaskArray(), null), test, true, new int[1]);
        assertTrue(softmaxOnE < 0.8, "softmax accuracy on e tokens " + softmaxOnE);
    }

    @Test
    void computationGraphTrainsTheSameLayer() {
        DataSet train = data(3, 64);
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(9).dataType(DataType.FLOAT).updater(new Adam(0.1))
                .graphBuilder()
                .addInputs("in")
                .addLayer("crf", new CrfOutput.Builder().nOut(3).build(), "in")
                .setOutputs("crf")
                .setInputTypes(InputType.recurrent(2))
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        double before = graph.score(train, false);
        for (int i = 0; i < 150; i++) {
            graph.fit(train);
        }
        double after = graph.score(train, false);
        assertTrue(after < 0.05 * before, "NLL " + before + " -> " + after);
        INDArray out = graph.output(false, new INDArray[] {train.getFeatures()}, new INDArray[] {train.getFeaturesMaskArray()}, null)[0];
        int[] invalid = {0};
        assertEquals(1.0, accuracy(out, train, false, invalid));
        // No constraints here, yet the learned transitions never put I-X after O.
        assertEquals(0, invalid[0]);
    }
}
