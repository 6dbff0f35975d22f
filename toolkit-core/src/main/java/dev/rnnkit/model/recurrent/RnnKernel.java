package dev.rnnkit.model.recurrent;

import dev.rnnkit.model.recurrent.Scratch.Buf;

/** The simple RNN equation on {@link ElmanRnn}, one step at a time. */
final class RnnKernel extends CellKernel {

    @Override
    void forwardStep(Pass p, int t) {
        Scratch s = p.s;
        addRecurrentProduct(p, t);
        p.activate(Buf.GATES, t, 0, p.units, Buf.CANDIDATE_SLOPE);
        Mem gates = s.mem(Buf.GATES);
        Mem out = s.mem(Buf.OUTPUT);
        int b0 = t * p.batch;
        for (int b = 0; b < p.batch; b++) {
            double m = p.mask(b, t);
            int a = s.rowStart(Buf.GATES, b0 + b);
            int o = s.rowStart(Buf.OUTPUT, b0 + p.batch + b);
            for (int k = 0; k < p.units; k++) {
                out.set(o + k, m * gates.get(a + k));
            }
        }
    }

    @Override
    void backwardStep(Pass p, int t) {
        Scratch s = p.s;
        Mem gates = s.mem(Buf.GATES);
        Mem eps = s.mem(Buf.EPSILON);
        Mem grad = s.mem(Buf.GATE_GRAD);
        Mem next = s.mem(Buf.NEXT_GRAD);
        Mem slopes = p.tanh ? null : s.mem(Buf.CANDIDATE_SLOPE);
        int b0 = t * p.batch;
        for (int b = 0; b < p.batch; b++) {
            double m = p.mask(b, t);
            int a = s.rowStart(Buf.GATES, b0 + b);
            int carried = b * p.units;
            for (int k = 0; k < p.units; k++) {
                double dh = (eps.get(a + k) + next.get(carried + k)) * m;
                grad.set(a + k, dh * p.slope(gates.get(a + k), slopes, a + k));
            }
        }
        carryGradient(p, t);
    }
}
