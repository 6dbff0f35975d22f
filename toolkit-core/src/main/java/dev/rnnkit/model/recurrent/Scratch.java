package dev.rnnkit.model.recurrent;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The working arrays of one recurrent layer for one minibatch size, reused from call to call.
 *
 * <p>Every array is a row-major matrix, time-major: step t of a per-step array is rows
 * [t B, (t+1) B), so it is one contiguous block and the rows of all steps form one matrix for the
 * whole-sequence products. Arrays with a slot per step plus one ({@link Rows#SLOTS}) keep the initial state in
 * slot 0 and step t's result in slot t + 1. Arrays live outside DL4J's workspaces, are created on first
 * use and grow with the longest sequence seen; the per-step views ND4J needs are created once and cached,
 * since making a view costs as much as a small op.
 */
final class Scratch {

    /** How many rows an array has. */
    enum Rows { STEPS, SLOTS, ONE, SINGLE }

    /** How many columns an array has. */
    enum Cols { INPUTS, UNITS, PAIR, WIDTH, ROWS }

    /** The arrays a pass can use. */
    enum Buf {
        /** The layer input x_t. */
        INPUT(Rows.STEPS, Cols.INPUTS),
        /** Gate values after their nonlinearity (pre-activations until the step has run). */
        GATES(Rows.STEPS, Cols.WIDTH),
        /** h: slot 0 the initial state. */
        OUTPUT(Rows.SLOTS, Cols.UNITS),
        /** LSTM cell state c: slot 0 the initial state. */
        CELL(Rows.SLOTS, Cols.UNITS),
        /** LSTM g(c_t). */
        CELL_ACT(Rows.STEPS, Cols.UNITS),
        /** The previous output as it enters the recurrent products (recurrent dropout applied). */
        PREVIOUS(Rows.STEPS, Cols.UNITS),
        /** GRU r_t * h_{t-1}. */
        RESET_PREVIOUS(Rows.STEPS, Cols.UNITS),
        /** g'(z) of the candidate, kept when g is not tanh. */
        CANDIDATE_SLOPE(Rows.STEPS, Cols.UNITS),
        /** g'(c) of the LSTM cell output, kept when g is not tanh. */
        CELL_SLOPE(Rows.STEPS, Cols.UNITS),
        /** dL/dh from the layer above. */
        EPSILON(Rows.STEPS, Cols.UNITS),
        /** dL/d(pre-activation) of every gate. */
        GATE_GRAD(Rows.STEPS, Cols.WIDTH),
        /** dL/dx. */
        INPUT_GRAD(Rows.STEPS, Cols.INPUTS),
        /** Recurrent dropout mask, already scaled by 1/(1-p). */
        DROP_MASK(Rows.ONE, Cols.UNITS),
        /** dL/dh_t of the current step. */
        STEP_GRAD(Rows.ONE, Cols.UNITS),
        /** dL/dh_{t-1} through the recurrence, carried to the step before. */
        NEXT_GRAD(Rows.ONE, Cols.UNITS),
        /** LSTM dL/dc_{t-1}, carried to the step before. */
        NEXT_CELL_GRAD(Rows.ONE, Cols.UNITS),
        /** A per-step temporary. */
        TEMP(Rows.ONE, Cols.UNITS),
        /** GRU: a step's recurrent product for the reset and update gates. */
        PAIR(Rows.ONE, Cols.PAIR),
        /** A row of ones, one per row of a per-step array: sums over rows as a matrix product. */
        ONES(Rows.SINGLE, Cols.ROWS),
        /** dL/db as a row. */
        BIAS_GRAD(Rows.SINGLE, Cols.WIDTH);

        final Rows rows;
        final Cols cols;

        Buf(Rows rows, Cols cols) {
            this.rows = rows;
            this.cols = cols;
        }
    }

    final int batch;
    final int capacity;
    final int inputs;
    final int units;
    final int width;
    private final DataType type;
    private final Map<Buf, INDArray> arrays = new EnumMap<>(Buf.class);
    private final Map<Buf, Mem> mems = new EnumMap<>(Buf.class);
    private final Map<ViewKey, INDArray> views = new HashMap<>();

    private float[] work = new float[0];

    /** A heap work array of at least n floats, for the vectorised activation loops. */
    float[] work(int n) {
        if (work.length < n) {
            work = new float[n];
        }
        return work;
    }

    /** Columns of {@code buf}. */
    int width(Buf buf) {
        return columns(buf);
    }

    private record ViewKey(Buf buf, int from, int to, int fromCol, int toCol) {
    }

    Scratch(DataType type, int batch, int capacity, int inputs, int units, int gates) {
        this.type = type;
        this.batch = batch;
        this.capacity = capacity;
        this.inputs = inputs;
        this.units = units;
        this.width = gates * units;
    }

    boolean fits(DataType dataType, int minibatch, int steps, int nIn, int nOut) {
        return type == dataType && batch == minibatch && capacity >= steps && inputs == nIn && units == nOut;
    }

    DataType type() {
        return type;
    }

    /** The whole array, created (zero-filled, outside workspaces) on first use. */
    INDArray array(Buf buf) {
        INDArray array = arrays.get(buf);
        if (array == null) {
            long rows = switch (buf.rows) {
                case STEPS -> (long) capacity * batch;
                case SLOTS -> (long) (capacity + 1) * batch;
                case ONE -> batch;
                case SINGLE -> 1;
            };
            long cols = columns(buf);
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                array = buf == Buf.ONES ? Nd4j.ones(type, rows, cols) : Nd4j.create(type, new long[] {rows, cols}, 'c');
            }
            arrays.put(buf, array);
            mems.put(buf, Mem.of(array));
        }
        return array;
    }

    Mem mem(Buf buf) {
        Mem.toHost(array(buf));
        return mems.get(buf);
    }

    /** Flat index of row {@code row}, column 0 of {@code buf}. */
    int rowStart(Buf buf, int row) {
        return row * columns(buf);
    }

    private int columns(Buf buf) {
        return switch (buf.cols) {
            case INPUTS -> inputs;
            case UNITS -> units;
            case PAIR -> 2 * units;
            case WIDTH -> width;
            case ROWS -> capacity * batch;
        };
    }

    /** The first {@code n} columns of a single-row array. */
    INDArray row(Buf buf, int n) {
        return view(buf, -1, -1, 0, n);
    }

    /** Rows [from B, to B) of {@code buf}: steps (or slots) from..to-1, all columns. */
    INDArray steps(Buf buf, int from, int to) {
        return view(buf, from, to, 0, -1);
    }

    /** Step (or slot) t of {@code buf}. */
    INDArray step(Buf buf, int t) {
        return view(buf, t, t + 1, 0, -1);
    }

    /** Columns [fromCol, toCol) of step t of {@code buf}. */
    INDArray block(Buf buf, int t, int fromCol, int toCol) {
        return view(buf, t, t + 1, fromCol, toCol);
    }

    private INDArray view(Buf buf, int from, int to, int fromCol, int toCol) {
        ViewKey key = new ViewKey(buf, from, to, fromCol, toCol);
        INDArray view = views.get(key);
        if (view == null) {
            INDArray array = array(buf);
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                view = from < 0 ? array.get(interval(0, 1), interval(fromCol, toCol))
                        : toCol < 0
                        ? array.get(interval((long) from * batch, (long) to * batch), all())
                        : array.get(interval((long) from * batch, (long) to * batch), interval(fromCol, toCol));
            }
            views.put(key, view);
        }
        return view;
    }
}
