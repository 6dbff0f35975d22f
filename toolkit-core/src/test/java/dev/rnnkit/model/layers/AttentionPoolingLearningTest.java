package dev.rnnkit.model.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
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
 * A tiny task that {@link AttentionPooling} must learn in single precision: does a marker token occur anywhere in
 * the sequence. Padding is filled with the marker, so a layer that read padded steps would see it everywhere.
 */
class AttentionPoolingLearningTest {

    static final int VOCAB = 6;
    static final int MARKER = VOCAB - 1;
    static final int STEPS = 12;

    /** One-hot sequences of 3..12 real steps, half of them holding one marker at a random real step. */
    record Batch(DataSet data, int[] markerAt, int[] lengths) {
    }

    static Batch batch(int size, long seed) {
        Random random = new Random(seed);
        INDArray features = Nd4j.zeros(DataType.FLOAT, size, VOCAB, STEPS);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, size, STEPS);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, size, 2);
        int[] markerAt = new int[size];
        int[] lengths = new int[size];
        for (int s = 0; s < size; s++) {
            int length = 3 + random.nextInt(STEPS - 2);
            boolean positive = s % 2 == 0;
            markerAt[s] = positive ? random.nextInt(length) : -1;
            lengths[s] = length;
            for (int t = 0; t < STEPS; t++) {
                int token = t >= length ? MARKER : t == markerAt[s] ? MARKER : random.nextInt(MARKER);
                features.putScalar(new long[] {s, token, t}, 1);
                mask.putScalar(new long[] {s, t}, t < length ? 1 : 0);
            }
            labels.putScalar(new long[] {s, positive ? 1 : 0}, 1);
        }
        return new Batch(new DataSet(features, labels, mask, null), markerAt, lengths);
    }

    @Test
    void learnsWhetherAMarkerOccursAndAttendsToIt() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11).dataType(DataType.FLOAT).updater(new Adam(0.05))
                .list()
                .layer(new AttentionPooling.Builder().attentionSize(8).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(VOCAB))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Batch test = batch(256, 2);
        double before = accuracy(net, test);

        for (int epoch = 0; epoch < 40; epoch++) {
            for (int part = 0; part < 8; part++) {
                net.fit(batch(64, 100L * epoch + part).data());
            }
        }

        double after = accuracy(net, test);
        assertTrue(after >= 0.95, "accuracy " + after + " (before training " + before + ")");
        // Which steps mattered: the marker, wherever it is, and never the padding (which is all markers).
        INDArray alpha = AttentionPoolingLayer.attentionWeights(net);
        int onMarker = 0;
        for (int s = 0; s < 256; s++) {
            for (int t = test.lengths()[s]; t < STEPS; t++) {
                assertTrue(alpha.getDouble(s, t) == 0, "weight at padded step " + t + " of sequence " + s);
            }
            if (test.markerAt()[s] >= 0) {
                int best = alpha.getRow(s).argMax().getInt(0);
                onMarker += best == test.markerAt()[s] && alpha.getDouble(s, best) > 0.5 ? 1 : 0;
            }
        }
        assertTrue(onMarker >= 0.9 * 128, onMarker + " of 128 positive sequences put most weight on their marker");
    }

    private static double accuracy(MultiLayerNetwork net, Batch batch) {
        DataSet d = batch.data();
        INDArray predicted = net.output(d.getFeatures(), false, d.getFeaturesMaskArray(), null).argMax(1);
        INDArray actual = d.getLabels().argMax(1);
        return predicted.eq(actual).castTo(DataType.FLOAT).meanNumber().doubleValue();
    }
}
