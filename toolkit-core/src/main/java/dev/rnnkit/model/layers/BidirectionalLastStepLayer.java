package dev.rnnkit.model.layers;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The runtime side of {@link BidirectionalLastStep}.
 */
public class BidirectionalLastStepLayer extends AbstractLayer<BidirectionalLastStep> {

    private int[] last;
    private int[] first;

    public BidirectionalLastStepLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        long batch = input.size(0);
        long h = input.size(1) / 2;
        locateSteps();
        INDArray fwd = workspaceMgr.create(ArrayType.FF_WORKING_MEM, input.dataType(), batch, h);
        INDArray bwd = workspaceMgr.create(ArrayType.FF_WORKING_MEM, input.dataType(), batch, h);
        for (int b = 0; b < batch; b++) {
            fwd.putRow(b, input.get(NDArrayIndex.point(b), NDArrayIndex.interval(0, h), NDArrayIndex.point(last[b])));
            bwd.putRow(b, input.get(NDArrayIndex.point(b), NDArrayIndex.interval(h, 2 * h), NDArrayIndex.point(first[b])));
        }
        INDArray out = switch (layerConf().getMerge()) {
            case CONCAT -> org.nd4j.linalg.factory.Nd4j.concat(1, fwd, bwd);
            case ADD -> fwd.add(bwd);
            case MUL -> fwd.mul(bwd);
            case AVERAGE -> fwd.add(bwd).muli(0.5);
        };
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, out);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        long batch = input.size(0);
        long h = input.size(1) / 2;
        locateSteps();
        INDArray epsIn = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape());
        epsIn.assign(0);
        for (int b = 0; b < batch; b++) {
            INDArray e = epsilon.getRow(b);
            INDArray eFwd;
            INDArray eBwd;
            switch (layerConf().getMerge()) {
                case CONCAT -> {
                    eFwd = e.get(NDArrayIndex.interval(0, h));
                    eBwd = e.get(NDArrayIndex.interval(h, 2 * h));
                }
                case ADD -> {
                    eFwd = e;
                    eBwd = e;
                }
                case AVERAGE -> {
                    eFwd = e.mul(0.5);
                    eBwd = eFwd;
                }
                case MUL -> {
                    // d(f*g)/df = g and vice versa.
                    eFwd = e.mul(input.get(NDArrayIndex.point(b), NDArrayIndex.interval(h, 2 * h), NDArrayIndex.point(first[b])));
                    eBwd = e.mul(input.get(NDArrayIndex.point(b), NDArrayIndex.interval(0, h), NDArrayIndex.point(last[b])));
                }
                default -> throw new IllegalStateException();
            }
            epsIn.put(new INDArrayIndex[] {NDArrayIndex.point(b), NDArrayIndex.interval(0, h), NDArrayIndex.point(last[b])}, eFwd);
            epsIn.put(new INDArrayIndex[] {NDArrayIndex.point(b), NDArrayIndex.interval(h, 2 * h), NDArrayIndex.point(first[b])}, eBwd);
        }
        return new Pair<>(new DefaultGradient(), epsIn);
    }

    /** First and last real step of every sequence; the whole range when there is no mask. */
    private void locateSteps() {
        int batch = (int) input.size(0);
        int steps = (int) input.size(2);
        last = new int[batch];
        first = new int[batch];
        for (int b = 0; b < batch; b++) {
            first[b] = 0;
            last[b] = steps - 1;
            if (maskArray != null) {
                int lo = -1;
                int hi = -1;
                for (int t = 0; t < steps; t++) {
                    if (maskArray.getDouble(b, t) != 0) {
                        lo = lo < 0 ? t : lo;
                        hi = t;
                    }
                }
                // An all-padding row has no real step; read step 0, as DL4J's LastTimeStep does.
                first[b] = Math.max(lo, 0);
                last[b] = Math.max(hi, 0);
            }
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        // One vector per sequence: no time axis left to mask.
        return null;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // no parameters
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return 0;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }
}
