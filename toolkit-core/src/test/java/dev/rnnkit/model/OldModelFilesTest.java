package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.rnnkit.model.gru.Gru;
import dev.rnnkit.modelfile.ModelFile;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Model files saved before rnnkit had its own LSTM and simple RNN hold DL4J's {@code LSTM} and
 * {@code SimpleRnn} (and rnnkit's {@code Gru}, whose class name and parameter layout are unchanged): they
 * still load, run and describe themselves.
 */
class OldModelFilesTest {

    @Test
    void networkOfTheEarlierLayerClassesLoadsAndGivesTheSameOutputs(@TempDir Path dir) throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).list()
                .layer(new Bidirectional(new LSTM.Builder().nOut(6).activation(Activation.TANH).build()))
                .layer(new SimpleRnn.Builder().nOut(5).activation(Activation.TANH).build())
                .layer(new Gru.Builder().nOut(4).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(2).build())
                .setInputType(InputType.recurrent(3))
                .build();
        MultiLayerNetwork old = new MultiLayerNetwork(conf);
        old.init();
        Path file = dir.resolve("old.zip");
        ModelSerializer.writeModel(old, file.toFile(), true);

        MultiLayerNetwork loaded = ModelFile.readNetwork(file).stack();
        assertInstanceOf(LSTM.class, ((Bidirectional) loaded.getLayerWiseConfigurations().getConf(0).getLayer()).getFwd());
        assertInstanceOf(SimpleRnn.class, loaded.getLayerWiseConfigurations().getConf(1).getLayer());
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, 7);
        assertEquals(old.output(input), loaded.output(input));
        assertEquals("Bidirectional(LSTM, concat)",
                ModelSummary.describe(loaded.getLayerWiseConfigurations().getConf(0).getLayer()));
    }
}
