package dev.rnnkit.model.recurrent;

import java.lang.reflect.Field;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import sun.misc.Unsafe;

/**
 * Element access to the native memory of a whole (non-view) ND4J array, in the array's own precision.
 *
 * <p>The kernels' element-wise passes read and write through this, one pass per step instead of one ND4J op
 * per arithmetic operation. Values are handled as doubles; a float array rounds on write. Access goes straight
 * to the off-heap address, without the bounds and scope checks of an NIO buffer (which cost more than the
 * arithmetic): callers index within the array, and {@link Scratch} sizes every array for the indices its
 * kernels use.
 */
abstract class Mem {

    private static final Unsafe UNSAFE = unsafe();
    /** Off the CPU backend (CUDA), host and device copies must be reconciled around every pass. */
    private static final boolean CPU_BACKEND = Nd4j.getBackend().getClass().getName().contains("Cpu");

    /** Keeps the array, and so its native buffer, reachable while the address is in use. */
    private final INDArray owner;
    final long address;

    private Mem(INDArray owner) {
        this.owner = owner;
        this.address = owner.data().addressPointer().address();
    }

    /** The element at flat index i. */
    abstract double get(int i);

    /** Copies n floats from flat index {@code from} into {@code target[at..]}; float arrays only. */
    void copyOut(int from, float[] target, int at, int n) {
        UNSAFE.copyMemory(null, address + 4L * from, target, Unsafe.ARRAY_FLOAT_BASE_OFFSET + 4L * at, 4L * n);
    }

    /** Copies n floats from {@code source[at..]} to flat index {@code to}; float arrays only. */
    void copyIn(float[] source, int at, int to, int n) {
        UNSAFE.copyMemory(source, Unsafe.ARRAY_FLOAT_BASE_OFFSET + 4L * at, null, address + 4L * to, 4L * n);
    }

    /** Sets the element at flat index i. */
    abstract void set(int i, double value);

    static Mem of(INDArray array) {
        if (array.isView() || array.offset() != 0) {
            throw new IllegalArgumentException("Mem needs a whole array, not a view");
        }
        return ofAny(array);
    }

    /** Access to any array, a view included: index 0 is the view's first element, strides are the caller's. */
    static Mem ofAny(INDArray array) {
        toHost(array);
        if (array.dataType() == DataType.FLOAT) {
            return new FloatMem(array);
        }
        if (array.dataType() == DataType.DOUBLE) {
            return new DoubleMem(array);
        }
        throw new IllegalArgumentException("recurrent layers run in float or double, not " + array.dataType());
    }

    /**
     * Before a pass reads or writes an array in Java: on a GPU backend, brings the newest data to the host and marks
     * the host copy as the current one, so that the next device op copies the pass's writes back. A no-op on CPU.
     */
    static void toHost(INDArray array) {
        if (!CPU_BACKEND) {
            Nd4j.getAffinityManager().ensureLocation(array, AffinityManager.Location.HOST);
            Nd4j.getAffinityManager().tagLocation(array, AffinityManager.Location.HOST);
        }
    }

    private static Unsafe unsafe() {
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("sun.misc.Unsafe is not available", e);
        }
    }

    private static final class FloatMem extends Mem {
        FloatMem(INDArray owner) {
            super(owner);
        }

        @Override
        double get(int i) {
            return UNSAFE.getFloat(address + 4L * i);
        }

        @Override
        void set(int i, double value) {
            UNSAFE.putFloat(address + 4L * i, (float) value);
        }
    }

    private static final class DoubleMem extends Mem {
        DoubleMem(INDArray owner) {
            super(owner);
        }

        @Override
        double get(int i) {
            return UNSAFE.getDouble(address + 8L * i);
        }

        @Override
        void set(int i, double value) {
            UNSAFE.putDouble(address + 8L * i, value);
        }
    }
}
