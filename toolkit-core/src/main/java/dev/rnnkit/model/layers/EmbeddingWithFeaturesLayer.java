package dev.rnnkit.model.layers;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The runtime side of {@link EmbeddingWithFeatures}.
 */
public class EmbeddingWithFeaturesLayer extends BaseLayer<EmbeddingWithFeatures> {

    private static final int[] ROW_DIMENSION = {1};

    public EmbeddingWithFeaturesLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        checkInputShape();
        long batch = input.size(0);
        long steps = input.size(2);
        long e = layerConf().getNOut();
        int k = layerConf().getExtraFeatures();
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        // Rows in [batch, time] C order, so that [b*T, E] reshapes to [b, T, E].
        INDArray rows = Nd4j.pullRows(weights, 1, tokenIds());
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, weights.dataType(), new long[] {batch, e + k, steps}, 'c');
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, e), NDArrayIndex.all())
                .assign(rows.reshape('c', batch, steps, e).permute(0, 2, 1));
        if (k > 0) {
            out.get(NDArrayIndex.all(), NDArrayIndex.interval(e, e + k), NDArrayIndex.all())
                    .assign(input.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + k), NDArrayIndex.all()).castTo(out.dataType()));
        }
        if (maskArray != null) {
            Broadcast.mul(out, maskArray.castTo(out.dataType()), out, 0, 2);
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        checkInputShape();
        long batch = input.size(0);
        long steps = input.size(2);
        long e = layerConf().getNOut();
        int k = layerConf().getExtraFeatures();
        INDArray delta = epsilon.castTo(dataType).dup('c');
        if (maskArray != null) {
            // The output is zero at masked steps, so nothing flows back from them.
            Broadcast.mul(delta, maskArray.castTo(delta.dataType()), delta, 0, 2);
        }
        INDArray embeddingDelta = delta.get(NDArrayIndex.all(), NDArrayIndex.interval(0, e), NDArrayIndex.all())
                .permute(0, 2, 1).dup('c').reshape('c', batch * steps, e);
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        weightGradient.assign(0);
        // Repeated ids add up their rows.
        Nd4j.scatterUpdate(ScatterUpdate.UpdateOp.ADD, weightGradient, Nd4j.createFromArray(tokenIds()), embeddingDelta, ROW_DIMENSION);
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);

        // Ids are not differentiable (zero); the pass-through feature channels get their epsilon unchanged.
        INDArray epsilonIn = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, delta.dataType(), new long[] {batch, 1 + k, steps}, 'c');
        epsilonIn.assign(0);
        if (k > 0) {
            epsilonIn.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + k), NDArrayIndex.all())
                    .assign(delta.get(NDArrayIndex.all(), NDArrayIndex.interval(e, e + k), NDArrayIndex.all()));
        }
        return new Pair<>(gradient, epsilonIn);
    }

    /** Channel 0 as int ids in [batch, time] C order, range-checked against the vocabulary. */
    private int[] tokenIds() {
        INDArray channel = input.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).dup('c');
        int[] ids = channel.data().asInt();
        long vocab = layerConf().getNIn();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new DL4JInvalidInputException("EmbeddingWithFeatures " + layerId() + ": token id " + ids[i] + " at entry " + i
                        + " is outside the vocabulary [0, " + (vocab - 1) + "]");
            }
        }
        return ids;
    }

    private void checkInputShape() {
        int k = layerConf().getExtraFeatures();
        if (input.rank() != 3 || input.size(1) != 1 + k) {
            throw new DL4JInvalidInputException("EmbeddingWithFeatures " + layerId() + " expects input [batch, 1 + " + k
                    + ", T] (token id, then " + k + " feature channels), got " + java.util.Arrays.toString(input.shape()));
        }
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }
}
