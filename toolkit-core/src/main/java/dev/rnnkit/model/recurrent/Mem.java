package dev.rnnkit.model.recurrent;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access to the native memory of a whole (non-view) ND4J array, in the array's own precision.
 *
 * <p>The kernels' element-wise passes read and write through this, one pass per step instead of one ND4J op
 * per arithmetic operation. Values are handled as doubles; a float array rounds on write.
 */
abstract class Mem {

    /** The element at flat index i. */
    abstract double get(int i);

    /** Sets the element at flat index i. */
    abstract void set(int i, double value);

    static Mem of(INDArray array) {
        if (array.isView() || array.offset() != 0) {
            throw new IllegalArgumentException("Mem needs a whole array, not a view");
        }
        if (array.dataType() == DataType.FLOAT) {
            return new FloatMem(array.data().asNioFloat());
        }
        if (array.dataType() == DataType.DOUBLE) {
            return new DoubleMem(array.data().asNioDouble());
        }
        throw new IllegalArgumentException("recurrent layers run in float or double, not " + array.dataType());
    }

    private static final class FloatMem extends Mem {
        private final FloatBuffer buffer;

        FloatMem(FloatBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        double get(int i) {
            return buffer.get(i);
        }

        @Override
        void set(int i, double value) {
            buffer.put(i, (float) value);
        }
    }

    private static final class DoubleMem extends Mem {
        private final DoubleBuffer buffer;

        DoubleMem(DoubleBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        double get(int i) {
            return buffer.get(i);
        }

        @Override
        void set(int i, double value) {
            buffer.put(i, value);
        }
    }
}
