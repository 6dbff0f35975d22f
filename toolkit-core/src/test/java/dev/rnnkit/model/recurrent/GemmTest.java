package dev.rnnkit.model.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The kernels' matrix product against a plain triple loop, for the layouts the kernels use: row- and
 * column-major operands, transposes, views with an offset (a step's rows, a gate block's columns) and
 * accumulation into C.
 */
class GemmTest {

    private static INDArray operand(long rows, long cols, char order, DataType type, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(type, rows, cols).subi(0.5).dup(order);
    }

    private static double[][] reference(INDArray a, boolean ta, INDArray b, boolean tb, INDArray c, double beta) {
        long m = c.size(0);
        long n = c.size(1);
        long k = ta ? a.size(0) : a.size(1);
        double[][] out = new double[(int) m][(int) n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = beta * c.getDouble(i, j);
                for (int p = 0; p < k; p++) {
                    sum += (ta ? a.getDouble(p, i) : a.getDouble(i, p)) * (tb ? b.getDouble(j, p) : b.getDouble(p, j));
                }
                out[i][j] = sum;
            }
        }
        return out;
    }

    @ParameterizedTest(name = "A {0} transposed={1}, B {2} transposed={3}, C {4}, beta {5}, {6}")
    @CsvSource({
        "c, false, c, false, c, 0, FLOAT",
        "c, false, f, false, c, 1, FLOAT",
        "f, true, c, false, f, 0, FLOAT",
        "c, false, f, true, c, 0, DOUBLE",
        "f, false, f, false, f, 1, DOUBLE",
        "c, true, c, true, c, 1, DOUBLE",
    })
    void matchesTheDefinition(char orderA, boolean ta, char orderB, boolean tb, char orderC, int beta, DataType type) {
        int m = 5;
        int n = 7;
        int k = 3;
        INDArray a = ta ? operand(k, m, orderA, type, 1) : operand(m, k, orderA, type, 1);
        INDArray b = tb ? operand(n, k, orderB, type, 2) : operand(k, n, orderB, type, 2);
        INDArray c = operand(m, n, orderC, type, 3);
        double[][] expected = reference(a, ta, b, tb, c, beta);
        Gemm.gemm(a, ta, b, tb, c, beta);
        assertClose(expected, c, type);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FLOAT", "DOUBLE"})
    void viewsWithOffsets(DataType type) {
        // A: rows 4..8 of a row-major matrix (a step of a time-major array); B: a column block of a
        // column-major matrix (a gate block of the weights); C: a column block of a column-major matrix.
        INDArray bigA = operand(12, 3, 'c', type, 4);
        INDArray bigB = operand(3, 20, 'f', type, 5);
        INDArray bigC = operand(4, 30, 'f', type, 6);
        INDArray a = bigA.get(NDArrayIndex.interval(4, 8), NDArrayIndex.all());
        INDArray b = bigB.get(NDArrayIndex.all(), NDArrayIndex.interval(10, 16));
        INDArray c = bigC.get(NDArrayIndex.all(), NDArrayIndex.interval(12, 18));
        INDArray untouched = bigC.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 12)).dup();
        double[][] expected = reference(a, false, b, false, c, 1);
        Gemm.gemm(a, false, b, false, c, 1);
        assertClose(expected, c, type);
        assertEquals(untouched, bigC.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 12)), "columns outside the view changed");
    }

    private static void assertClose(double[][] expected, INDArray actual, DataType type) {
        double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual.getDouble(i, j), tolerance, "C[" + i + "," + j + "]");
            }
        }
    }
}
