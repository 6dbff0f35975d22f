package dev.rnnkit.model.chars;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Copies between ND4J arrays (whole, views, permuted) and Java arrays. */
class HostCopyTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void readsAndWritesRowBlocksOfViews(DataType type) {
        HostCopy host = new HostCopy();
        INDArray whole = Nd4j.arange(24).castTo(type).reshape('c', 6, 4);
        INDArray rows = NativeScratch.rows(whole, 2, 5);
        double[] out = new double[6];
        host.read(rows, 1, out, 1, 5);
        assertArrayEquals(new double[] {0, 9, 10, 11, 12, 13}, out);
        host.write(new double[] {-1, -2, -3}, 0, rows, 4, 3);
        assertEquals(-1.0, whole.getDouble(3, 0));
        assertEquals(-3.0, whole.getDouble(3, 2));
        assertEquals(11.0, whole.getDouble(2, 3));
        assertEquals(15.0, whole.getDouble(3, 3));
        // A column block is not contiguous.
        assertThrows(IllegalArgumentException.class, () -> host.read(whole.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)), 0, out, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> host.read(rows, 10, out, 0, 3));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void valuesOfAnyLayoutComeInCOrder(DataType type) {
        HostCopy host = new HostCopy();
        INDArray c = Nd4j.arange(24).castTo(type).reshape('c', 2, 3, 4);
        double[] expected = c.castTo(DataType.DOUBLE).data().asDouble();
        assertArrayEquals(expected, host.values(c));
        assertArrayEquals(expected, host.values(c.dup('f')));
        // Laid out as [4][2][3] and permuted to [2, 3, 4], as recurrent layers return their outputs.
        INDArray permuted = c.permute(2, 0, 1).dup('c').permute(1, 2, 0);
        assertEquals(c, permuted);
        assertArrayEquals(expected, host.values(permuted));
        // A strided view.
        INDArray view = Nd4j.arange(48).castTo(type).reshape('c', 2, 3, 8).get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(2, 6));
        assertArrayEquals(view.dup('c').castTo(DataType.DOUBLE).data().asDouble(), host.values(view));
        assertArrayEquals(new double[] {1, 0, 1}, host.values(Nd4j.createFromArray(true, false, true)));
    }
}
