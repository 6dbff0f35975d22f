package dev.rnnkit.model.recurrent;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import dev.rnnkit.model.recurrent.Scratch.Buf;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One forward pass of a recurrent layer over a minibatch, with what its backward pass needs.
 *
 * <p>Holds the scratch arrays, the weights it ran with, the mask as plain floats and the recurrent dropout
 * mask; the kernels read everything from here.
 */
final class Pass {

    final Scratch s;
    final int steps;
    final int batch;
    final int units;
    final INDArray inputWeights;
    final INDArray recurrentWeights;
    final IActivation activation;
    final boolean tanh;
    final boolean training;
    /** The input array DL4J handed the layer: a backward pass reuses this pass only for the same input. */
    final INDArray sourceInput;
    private final float[] mask;
    private final boolean dropout;
    private final Map<Integer, INDArray> recurrentColumns = new HashMap<>();
    /** The recurrent weights the forward steps multiply by; a kernel may substitute a rescaled copy. */
    INDArray forwardRecurrentWeights;

    Pass(Scratch s, int steps, INDArray inputWeights, INDArray recurrentWeights, IActivation activation,
         float[] mask, boolean dropout, boolean training, INDArray sourceInput) {
        this.s = s;
        this.steps = steps;
        this.batch = s.batch;
        this.units = s.units;
        this.inputWeights = inputWeights;
        this.recurrentWeights = recurrentWeights;
        this.activation = activation;
        this.tanh = activation instanceof ActivationTanH;
        this.mask = mask;
        this.dropout = dropout;
        this.training = training;
        this.sourceInput = sourceInput;
        this.forwardRecurrentWeights = recurrentWeights;
    }

    /** Gate blocks [fromGate, toGate) of the recurrent weights, a view made once per pass. */
    INDArray recurrentColumns(int fromGate, int toGate) {
        return recurrentColumns.computeIfAbsent(fromGate * 16 + toGate, key -> recurrentWeights.get(
                all(), interval((long) fromGate * units, (long) toGate * units)));
    }

    /** 1 for a real step of example b, 0 for a masked one. */
    double mask(int b, int t) {
        return mask == null ? 1.0 : mask[b * steps + t];
    }

    boolean dropout() {
        return dropout;
    }

    /** Where h_{t-1} as it enters the recurrent products is kept: the dropped copy or the output slots. */
    Buf previousBuf() {
        return dropout ? Buf.PREVIOUS : Buf.OUTPUT;
    }

    /** h_{t-1} as it enters step t's recurrent products; with recurrent dropout, computed here first. */
    INDArray previous(int t) {
        if (!dropout) {
            return s.step(Buf.OUTPUT, t);
        }
        Mem out = s.mem(Buf.OUTPUT);
        Mem dropped = s.mem(Buf.PREVIOUS);
        Mem keep = s.mem(Buf.DROP_MASK);
        int from = s.rowStart(Buf.OUTPUT, t * batch);
        int to = s.rowStart(Buf.PREVIOUS, t * batch);
        int n = batch * units;
        for (int j = 0; j < n; j++) {
            dropped.set(to + j, out.get(from + j) * keep.get(j));
        }
        return s.step(Buf.PREVIOUS, t);
    }

    /** Multiplies the carried gradient dL/dh_{t-1} by the recurrent dropout mask, if any. */
    void dropGradient() {
        if (!dropout) {
            return;
        }
        Mem grad = s.mem(Buf.NEXT_GRAD);
        Mem keep = s.mem(Buf.DROP_MASK);
        int n = batch * units;
        for (int j = 0; j < n; j++) {
            grad.set(j, grad.get(j) * keep.get(j));
        }
    }

    /**
     * Applies the layer activation in place to {@code preActivation}; when it is not tanh, first keeps its
     * slope g'(z) in {@code slope} for the backward pass (tanh's slope comes from its value, 1 - g^2).
     */
    void activate(INDArray preActivation, INDArray slope) {
        if (tanh) {
            Nd4j.getExecutioner().exec(new Tanh(preActivation, preActivation));
            return;
        }
        storeSlope(preActivation, slope);
        preActivation.assign(activation.getActivation(preActivation.dup(), training));
    }

    /** Writes g(source) into {@code target} (tanh directly; otherwise keeping the slope as in {@link #activate}). */
    void activateInto(INDArray source, INDArray target, INDArray slope) {
        if (tanh) {
            Nd4j.getExecutioner().exec(new Tanh(source, target));
            return;
        }
        storeSlope(source, slope);
        target.assign(activation.getActivation(source.dup(), training));
    }

    private void storeSlope(INDArray preActivation, INDArray slope) {
        INDArray pre = preActivation.dup();
        slope.assign(activation.backprop(pre, Nd4j.onesLike(pre)).getFirst());
    }

    /** g'(z) at an element whose activated value is {@code value} and whose kept slope is at {@code index}. */
    double slope(double value, Mem slopes, int index) {
        return tanh ? 1 - value * value : slopes.get(index);
    }
}
