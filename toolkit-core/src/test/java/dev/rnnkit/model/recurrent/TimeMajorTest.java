package dev.rnnkit.model.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The copies between [minibatch, features, time] arrays of any layout (views included) and time-major rows. */
class TimeMajorTest {

    @ParameterizedTest(name = "{0} order, view={1}, {2}")
    @CsvSource({"c, false, FLOAT", "f, false, FLOAT", "c, true, DOUBLE", "f, true, FLOAT"})
    void gatherThenScatterIsTheIdentityAndRowsAreTimeMajor(char order, boolean view, DataType type) {
        int batch = 3;
        int features = 4;
        int steps = 5;
        Nd4j.getRandom().setSeed(9);
        INDArray whole = Nd4j.rand(type, batch + 2, features, steps + 1).dup(order);
        INDArray source = view
                ? whole.get(NDArrayIndex.interval(1, 1 + batch), NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + steps))
                : whole.get(NDArrayIndex.interval(0, batch), NDArrayIndex.all(), NDArrayIndex.interval(0, steps)).dup(order);
        Scratch s = new Scratch(type, batch, steps, features, features, 1);
        TimeMajor.gather(source, s.mem(Scratch.Buf.INPUT));
        INDArray rows = s.array(Scratch.Buf.INPUT);
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                for (int f = 0; f < features; f++) {
                    assertEquals(source.getDouble(b, f, t), rows.getDouble(t * batch + b, f), 0, "t=" + t + " b=" + b + " f=" + f);
                }
            }
        }
        INDArray target = Nd4j.zeros(type, batch + 2, features, steps + 1).dup(order);
        INDArray targetView = target.get(NDArrayIndex.interval(1, 1 + batch), NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + steps));
        TimeMajor.scatter(s.mem(Scratch.Buf.INPUT), 0, targetView);
        assertEquals(source, targetView);
        assertEquals(0.0, target.get(NDArrayIndex.point(0)).amaxNumber().doubleValue(), 0, "wrote outside the view");
    }
}
