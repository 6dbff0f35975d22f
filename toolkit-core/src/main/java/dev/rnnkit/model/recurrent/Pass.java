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
import org.nd4j.linalg.ops.transforms.Transforms;

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

    /** Whether the vectorised float activations apply: float arrays on the CPU backend. */
    private boolean fast() {
        return s.type() == org.nd4j.linalg.api.buffer.DataType.FLOAT && Gemm.CPU;
    }

    /** Sigmoid in place on columns [from, to) of step t of {@code buf}. */
    void sigmoid(Buf buf, int t, int from, int to) {
        if (fast()) {
            inPlace(buf, t, from, to, true);
        } else {
            Transforms.sigmoid(from == 0 && to == s.width(buf) ? s.step(buf, t) : s.block(buf, t, from, to), false);
        }
    }

    /**
     * Applies the layer activation in place to columns [from, to) of step t of {@code buf}; when it is not tanh,
     * first keeps its slope g'(z) in step t of {@code slope} for the backward pass (tanh's slope comes from its
     * value, 1 - g^2).
     */
    void activate(Buf buf, int t, int from, int to, Buf slope) {
        if (tanh && fast()) {
            inPlace(buf, t, from, to, false);
            return;
        }
        INDArray preActivation = from == 0 && to == s.width(buf) ? s.step(buf, t) : s.block(buf, t, from, to);
        if (tanh) {
            Nd4j.getExecutioner().exec(new Tanh(preActivation, preActivation));
            return;
        }
        storeSlope(preActivation, s.step(slope, t));
        preActivation.assign(activation.getActivation(preActivation.dup(), training));
    }

    /** Writes g(slot {@code sourceSlot} of {@code source}) into step {@code t} of {@code target} (whole rows). */
    void activateInto(Buf source, int sourceSlot, Buf target, int t, Buf slope) {
        if (tanh && fast()) {
            int n = batch * units;
            float[] work = s.work(n);
            s.mem(source).copyOut(s.rowStart(source, sourceSlot * batch), work, 0, n);
            FastActivations.tanh(work, n);
            s.mem(target).copyIn(work, 0, s.rowStart(target, t * batch), n);
            return;
        }
        INDArray in = s.step(source, sourceSlot);
        INDArray out = s.step(target, t);
        if (tanh) {
            Nd4j.getExecutioner().exec(new Tanh(in, out));
            return;
        }
        storeSlope(in, s.step(slope, t));
        out.assign(activation.getActivation(in.dup(), training));
    }

    private void inPlace(Buf buf, int t, int from, int to, boolean sigmoid) {
        int width = to - from;
        int n = batch * width;
        float[] work = s.work(n);
        Mem mem = s.mem(buf);
        int first = s.rowStart(buf, t * batch) + from;
        int stride = s.width(buf);
        boolean whole = width == stride;
        if (whole) {
            mem.copyOut(first, work, 0, n);
        } else {
            for (int b = 0; b < batch; b++) {
                mem.copyOut(first + b * stride, work, b * width, width);
            }
        }
        if (sigmoid) {
            FastActivations.sigmoid(work, n);
        } else {
            FastActivations.tanh(work, n);
        }
        if (whole) {
            mem.copyIn(work, 0, first, n);
        } else {
            for (int b = 0; b < batch; b++) {
                mem.copyIn(work, b * width, first + b * stride, width);
            }
        }
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
