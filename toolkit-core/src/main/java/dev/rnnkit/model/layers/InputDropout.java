package dev.rnnkit.model.layers;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout on a layer's input, as DL4J's {@code Dropout} computes it, with its mask kept per thread.
 *
 * <p>DL4J 1.0.0-M2.1's {@code Dropout} keeps the mask of the last forward pass in the configuration object, and
 * {@code Layer.clone()} copies configurations without copying their dropout. Networks built from clones of one
 * configuration therefore share masks: two such networks training at once in one JVM (Spark tasks on a multi-core
 * executor, whose workers clone the broadcast configuration) multiply one minibatch's gradient with another's mask
 * ("shapes [64, 256, 5] and [64, 256, 6] are not suitable for broadcast"). A network trains in one thread, so a
 * mask per thread is the network's own. The random numbers and arithmetic are DL4J's (same op, same generator), so
 * results equal DL4J's {@code Dropout} bit for bit.
 */
public final class InputDropout implements IDropout {

    private static final long serialVersionUID = 1L;

    /** The probability of keeping a unit (DL4J's convention). */
    private double p;
    private transient ThreadLocal<INDArray> masks;

    /** For deserialisation. */
    public InputDropout() {
    }

    /** Dropout that keeps each unit with probability {@code retain}. */
    public InputDropout(double retain) {
        if (!(retain > 0 && retain <= 1)) {
            throw new IllegalArgumentException("the probability of keeping a unit must be in (0, 1], got " + retain);
        }
        this.p = retain;
    }

    /** The probability of keeping a unit. */
    public double getP() {
        return p;
    }

    public void setP(double p) {
        this.p = p;
    }

    private synchronized ThreadLocal<INDArray> masks() {
        if (masks == null) {
            masks = new ThreadLocal<>();
        }
        return masks;
    }

    @Override
    public INDArray applyDropout(INDArray inputActivations, INDArray output, int iteration, int epoch, LayerWorkspaceMgr workspaceMgr) {
        INDArray input = inputActivations;
        if (input != output && input.dataType() != output.dataType()) {
            input = input.castTo(output.dataType());
        }
        INDArray mask = workspaceMgr.createUninitialized(ArrayType.INPUT, output.dataType(), output.shape(), output.ordering()).assign(1.0);
        Nd4j.getExecutioner().exec(new DropOutInverted(mask, mask, p));
        Nd4j.getExecutioner().exec(new MulOp(input, mask, output));
        masks().set(mask);
        return output;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        INDArray mask = masks().get();
        if (mask == null) {
            throw new IllegalStateException("cannot backpropagate through dropout: no forward pass on this thread (already cleared?)");
        }
        INDArray m = mask.dataType() == gradAtInput.dataType() ? mask : mask.castTo(gradAtInput.dataType());
        Nd4j.getExecutioner().exec(new MulOp(gradAtOutput, m, gradAtInput));
        masks().remove();
        return gradAtInput;
    }

    @Override
    public void clear() {
        masks().remove();
    }

    @Override
    public InputDropout clone() {
        return new InputDropout(p);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputDropout other && Double.compare(other.p, p) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(p);
    }

    @Override
    public String toString() {
        return "InputDropout(p=" + p + ")";
    }
}
