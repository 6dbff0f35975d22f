package dev.rnnkit.model.gru;

import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The runtime layer of {@link BidirectionalLastStep}: DL4J's bidirectional layer over two last-step
 * layers, with the combine and backward pass written for their rank-2 outputs.
 *
 * <p>Input reversal, masks, parameters and everything else stay with {@link BidirectionalLayer}.
 */
public class BidirectionalLastStepLayer extends BidirectionalLayer {

    private final Layer forward;
    private final Layer backward;
    private final Bidirectional.Mode mode;
    private INDArray gradientView;
    // Only for MUL: each direction's output is the other's gradient factor.
    private INDArray forwardOut;
    private INDArray backwardOut;

    /** Creates the layer from its two directions, each already wrapped in a last-step layer. */
    public BidirectionalLastStepLayer(NeuralNetConfiguration conf, Layer forward, Layer backward,
                                      INDArray paramsView) {
        super(conf, forward, backward, paramsView);
        this.forward = forward;
        this.backward = backward;
        this.mode = ((Bidirectional) conf.getLayer()).getMode();
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray gradients) {
        super.setBackpropGradientsViewArray(gradients);
        this.gradientView = gradients;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray out1 = forward.activate(training, workspaceMgr);
        INDArray out2 = backward.activate(training, workspaceMgr);
        switch (mode) {
            case ADD:
                return out1.addi(out2);
            case MUL:
                forwardOut = out1.detach();
                backwardOut = out2.detach();
                return workspaceMgr.dup(ArrayType.ACTIVATIONS, out1).muli(out2);
            case AVERAGE:
                return out1.addi(out2).muli(0.5);
            case CONCAT:
                return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, Nd4j.concat(1, out1, out2));
            default:
                throw new IllegalStateException("Unknown bidirectional mode: " + mode);
        }
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray forwardEps;
        INDArray backwardEps;
        switch (mode) {
            case ADD:
                forwardEps = epsilon;
                backwardEps = epsilon;
                break;
            case MUL:
                forwardEps = epsilon.mul(backwardOut);
                backwardEps = epsilon.mul(forwardOut);
                break;
            case AVERAGE:
                forwardEps = epsilon.mul(0.5);
                backwardEps = forwardEps;
                break;
            case CONCAT:
                long units = epsilon.size(1) / 2;
                forwardEps = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(0, units));
                backwardEps = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(units, 2 * units));
                break;
            default:
                throw new IllegalStateException("Unknown bidirectional mode: " + mode);
        }
        Pair<Gradient, INDArray> forwardGrad = forward.backpropGradient(forwardEps, workspaceMgr);
        Pair<Gradient, INDArray> backwardGrad = backward.backpropGradient(backwardEps, workspaceMgr);

        Gradient gradient = new DefaultGradient(gradientView);
        putPrefixed(gradient, BidirectionalParamInitializer.FORWARD_PREFIX, forwardGrad.getFirst());
        putPrefixed(gradient, BidirectionalParamInitializer.BACKWARD_PREFIX, backwardGrad.getFirst());
        // The backward direction saw the input reversed in time; its input gradient is reversed back.
        INDArray backwardInputGrad = TimeSeriesUtils.reverseTimeSeries(backwardGrad.getSecond(), workspaceMgr,
                ArrayType.BP_WORKING_MEM, ((Bidirectional) conf().getLayer()).getRNNDataFormat());
        return new Pair<>(gradient, forwardGrad.getSecond().addi(backwardInputGrad));
    }

    private static void putPrefixed(Gradient target, String prefix, Gradient source) {
        for (Map.Entry<String, INDArray> entry : source.gradientForVariable().entrySet()) {
            target.gradientForVariable().put(prefix + entry.getKey(), entry.getValue());
        }
    }
}
