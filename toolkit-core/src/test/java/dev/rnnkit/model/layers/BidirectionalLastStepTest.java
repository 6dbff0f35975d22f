package dev.rnnkit.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;

/** Gradient checks and semantics of {@link BidirectionalLastStep}. */
@org.junit.jupiter.api.extension.ExtendWith(DoublePrecision.class)
class BidirectionalLastStepTest {

    static MultiLayerNetwork net(BidirectionalLastStep.Merge merge) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.DOUBLE).updater(new NoOp())
                .list()
                .layer(new Bidirectional(Bidirectional.Mode.CONCAT, new LSTM.Builder().nOut(3).activation(Activation.TANH).build()))
                .layer(new BidirectionalLastStep.Builder().merge(merge).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static INDArray mask() {
        return Nd4j.createFromArray(new double[][] {{1, 1, 1, 1}, {1, 1, 0, 0}, {1, 1, 1, 0}});
    }

    @ParameterizedTest
    @EnumSource(BidirectionalLastStep.Merge.class)
    void gradientsMatchFiniteDifferences(BidirectionalLastStep.Merge merge) {
        Nd4j.getRandom().setSeed(12);
        INDArray in = Nd4j.rand(DataType.DOUBLE, 3, 2, 4);
        INDArray labels = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {1, 0}});
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(net(merge)).input(in).labels(labels).inputMask(mask())
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8));
        assertTrue(ok, "gradient check failed for merge " + merge);
    }

    @Test
    void picksForwardAtLastRealStepAndBackwardAtFirst() {
        // Without a head, output() returns the reduced [batch, 2H] vectors.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.DOUBLE)
                .list()
                // SimpleRnn resets its state at padded steps; DL4J's LSTM does not (see NetworkBuilderTest).
                .layer(new Bidirectional(Bidirectional.Mode.CONCAT, new org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.Builder().nOut(3).activation(Activation.TANH).build()))
                .layer(new BidirectionalLastStep.Builder().build())
                .setInputType(InputType.recurrent(2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(5);
        INDArray in = Nd4j.rand(DataType.DOUBLE, 3, 2, 4);
        INDArray reduced = net.output(in, false, mask(), null);
        // Row 1 has two real steps: it must equal the same two steps fed alone, unpadded.
        INDArray row1 = net.output(in.get(NDArrayIndex.interval(1, 2), NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).dup(), false, null, null);
        assertTrue(row1.getRow(0).equalsWithEps(reduced.getRow(1), 1e-10), row1 + " vs " + reduced.getRow(1));
        // And the halves are the forward output at the last step and the backward output at the first.
        INDArray seq = net.getLayer(0).activate(in.get(NDArrayIndex.interval(0, 1), NDArrayIndex.all(), NDArrayIndex.all()).dup(),
                false, LayerWorkspaceMgr.noWorkspaces());
        for (int k = 0; k < 3; k++) {
            assertEquals(seq.getDouble(0, k, 3), reduced.getDouble(0, k), 1e-10);
            assertEquals(seq.getDouble(0, 3 + k, 0), reduced.getDouble(0, 3 + k), 1e-10);
        }
    }
}
