package dev.rnnkit.model.recurrent;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import dev.rnnkit.model.recurrent.Scratch.Buf;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The LSTM equations on {@link Lstm}, one step at a time; gate blocks i, f, o, z. */
final class LstmKernel extends CellKernel {

    /**
     * With tanh as the activation, one sigmoid op per step serves all four gates: the candidate's pre-activation
     * is doubled (its columns of x W + b here, of R in a copy the forward steps use), and the step's pass turns
     * sigmoid(2 z) into tanh(z) = 2 sigmoid(2 z) - 1. One ND4J op per step fewer, on a contiguous block.
     */
    @Override
    void beforeSteps(Pass p) {
        if (!p.tanh) {
            return;
        }
        int h = p.units;
        p.s.steps(Buf.GATES, 0, p.steps).get(all(), interval(3 * h, 4 * h)).muli(2);
        INDArray doubled;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            doubled = p.recurrentWeights.dup('f');
        }
        doubled.get(all(), interval(3 * h, 4 * h)).muli(2);
        p.forwardRecurrentWeights = doubled;
    }

    @Override
    void forwardStep(Pass p, int t) {
        Scratch s = p.s;
        int b0 = t * p.batch;
        int h = p.units;
        addRecurrentProduct(p, t);
        if (p.tanh) {
            p.sigmoid(Buf.GATES, t, 0, 4 * h);
        } else {
            p.sigmoid(Buf.GATES, t, 0, 3 * h);
            p.activate(Buf.GATES, t, 3 * h, 4 * h, Buf.CANDIDATE_SLOPE);
        }

        Mem gates = s.mem(Buf.GATES);
        Mem cell = s.mem(Buf.CELL);
        for (int b = 0; b < p.batch; b++) {
            double m = p.mask(b, t);
            int g = s.rowStart(Buf.GATES, b0 + b);
            int previous = s.rowStart(Buf.CELL, b0 + b);
            int current = s.rowStart(Buf.CELL, b0 + p.batch + b);
            for (int k = 0; k < h; k++) {
                double z = gates.get(g + 3 * h + k);
                if (p.tanh) {
                    z = 2 * z - 1;
                    gates.set(g + 3 * h + k, z);
                }
                double c = gates.get(g + h + k) * cell.get(previous + k) + gates.get(g + k) * z;
                cell.set(current + k, m * c);
            }
        }
        p.activateInto(Buf.CELL, t + 1, Buf.CELL_ACT, t, Buf.CELL_SLOPE);

        Mem cellAct = s.mem(Buf.CELL_ACT);
        Mem out = s.mem(Buf.OUTPUT);
        for (int b = 0; b < p.batch; b++) {
            double m = p.mask(b, t);
            int g = s.rowStart(Buf.GATES, b0 + b);
            int a = s.rowStart(Buf.CELL_ACT, b0 + b);
            int o = s.rowStart(Buf.OUTPUT, b0 + p.batch + b);
            for (int k = 0; k < h; k++) {
                out.set(o + k, m * gates.get(g + 2 * h + k) * cellAct.get(a + k));
            }
        }
    }

    @Override
    void clearCarriedGradients(Pass p) {
        super.clearCarriedGradients(p);
        p.s.array(Buf.NEXT_CELL_GRAD).assign(0);
    }

    @Override
    void backwardStep(Pass p, int t) {
        Scratch s = p.s;
        int b0 = t * p.batch;
        int h = p.units;
        Mem gates = s.mem(Buf.GATES);
        Mem cell = s.mem(Buf.CELL);
        Mem cellAct = s.mem(Buf.CELL_ACT);
        Mem eps = s.mem(Buf.EPSILON);
        Mem grad = s.mem(Buf.GATE_GRAD);
        Mem next = s.mem(Buf.NEXT_GRAD);
        Mem nextCell = s.mem(Buf.NEXT_CELL_GRAD);
        Mem candidateSlope = p.tanh ? null : s.mem(Buf.CANDIDATE_SLOPE);
        Mem cellSlope = p.tanh ? null : s.mem(Buf.CELL_SLOPE);
        for (int b = 0; b < p.batch; b++) {
            double m = p.mask(b, t);
            int g = s.rowStart(Buf.GATES, b0 + b);
            int u = s.rowStart(Buf.EPSILON, b0 + b);
            int previous = s.rowStart(Buf.CELL, b0 + b);
            int carried = b * h;
            for (int k = 0; k < h; k++) {
                double dh = (eps.get(u + k) + next.get(carried + k)) * m;
                double i = gates.get(g + k);
                double f = gates.get(g + h + k);
                double o = gates.get(g + 2 * h + k);
                double z = gates.get(g + 3 * h + k);
                double tc = cellAct.get(u + k);
                double dc = (dh * o * p.slope(tc, cellSlope, u + k) + nextCell.get(carried + k)) * m;
                grad.set(g + k, dc * z * i * (1 - i));
                grad.set(g + h + k, dc * cell.get(previous + k) * f * (1 - f));
                grad.set(g + 2 * h + k, dh * tc * o * (1 - o));
                grad.set(g + 3 * h + k, dc * i * p.slope(z, candidateSlope, u + k));
                nextCell.set(carried + k, dc * f);
            }
        }
        carryGradient(p, t);
    }
}
