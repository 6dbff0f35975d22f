package dev.rnnkit.model.chars;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Named ND4J working matrices of an encoder, kept from minibatch to minibatch.
 *
 * <p>Each name owns one flat array outside DL4J's workspaces that grows to the largest size asked for; a call
 * returns a row-major [rows, cols] view of its start. The word and character counts change with every
 * minibatch, so exact-size arrays would be allocated (and freed) every time.
 */
final class NativeScratch {

    private final Map<String, INDArray> flats = new HashMap<>();

    /** A c-order [rows, cols] matrix of {@code type}; its contents are whatever the last user left. */
    INDArray matrix(String name, DataType type, long rows, long cols) {
        long n = Math.max(1, rows * cols);
        INDArray flat = flats.get(name);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (flat == null || flat.dataType() != type || flat.length() < n) {
                long capacity = flat == null || flat.dataType() != type ? n : Math.max(n, flat.length() + flat.length() / 4);
                flat = Nd4j.create(type, capacity);
                flats.put(name, flat);
            }
            return flat.get(NDArrayIndex.interval(0, rows * cols)).reshape('c', rows, cols);
        }
    }

    /** Rows [from, to) of a matrix from {@link #matrix}, as a view. */
    static INDArray rows(INDArray matrix, long from, long to) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return matrix.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        }
    }
}
