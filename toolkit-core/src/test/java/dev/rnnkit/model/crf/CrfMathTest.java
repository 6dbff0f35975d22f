package dev.rnnkit.model.crf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The forward, backward, Viterbi and gradient recursions of {@link CrfMath} against enumeration of all paths. */
class CrfMathTest {

    static final int TAGS = 3;

    /** Tag 2 may not follow tag 0, nor open the sentence; tag 1 may not close it; 1 -> 1 is forbidden too. */
    static CrfTransitions constrained() {
        boolean[][] allowed = {{true, true, false}, {true, false, true}, {true, true, true}};
        return new CrfTransitions(allowed, new boolean[] {true, true, false}, new boolean[] {true, false, true});
    }

    record Problem(double[][] e, double[][] trans, double[] start, double[] end) {
        CrfMath.Potentials potentials(CrfTransitions allowed) {
            return CrfMath.Potentials.of(trans, start, end, allowed);
        }
    }

    static Problem random(Random r, int steps, double scale) {
        double[][] e = new double[steps][TAGS];
        double[][] trans = new double[TAGS][TAGS];
        double[] start = new double[TAGS];
        double[] end = new double[TAGS];
        for (int i = 0; i < TAGS; i++) {
            for (int t = 0; t < steps; t++) {
                e[t][i] = scale * r.nextGaussian();
            }
            for (int j = 0; j < TAGS; j++) {
                trans[i][j] = scale * r.nextGaussian();
            }
            start[i] = scale * r.nextGaussian();
            end[i] = scale * r.nextGaussian();
        }
        return new Problem(e, trans, start, end);
    }

    @Test
    void logPartitionMatchesEnumerationWithAndWithoutConstraints() {
        Random r = new Random(11);
        for (CrfTransitions allowed : new CrfTransitions[] {CrfTransitions.allowAll(TAGS), constrained()}) {
            for (int steps = 1; steps <= 4; steps++) {
                for (int trial = 0; trial < 5; trial++) {
                    Problem p = random(r, steps, 1.5);
                    CrfMath.Potentials pot = p.potentials(allowed);
                    double expected = BruteForce.logZ(p.e, p.trans, p.start, p.end, allowed);
                    assertEquals(expected, CrfMath.logPartition(CrfMath.forward(p.e, pot), pot), 1e-10,
                            "L=" + steps + " " + allowed);
                    // The backward pass gives the same partition function from the other end.
                    double[][] beta = CrfMath.backward(p.e, pot);
                    double[] fromStart = new double[TAGS];
                    for (int j = 0; j < TAGS; j++) {
                        fromStart[j] = pot.start()[j] + p.e[0][j] + beta[0][j];
                    }
                    assertEquals(expected, CrfMath.logSumExp(fromStart), 1e-10);
                }
            }
        }
        assertEquals(0.0, CrfMath.logPartition(CrfMath.forward(new double[0][], random(r, 0, 1).potentials(constrained())),
                random(r, 0, 1).potentials(constrained())));
    }

    @Test
    void viterbiFindsTheBestAllowedPath() {
        Random r = new Random(12);
        for (CrfTransitions allowed : new CrfTransitions[] {CrfTransitions.allowAll(TAGS), constrained()}) {
            for (int steps = 1; steps <= 5; steps++) {
                for (int trial = 0; trial < 10; trial++) {
                    Problem p = random(r, steps, 3);
                    int[] path = CrfMath.viterbi(p.e, p.potentials(allowed));
                    assertArrayEquals(BruteForce.best(p.e, p.trans, p.start, p.end, allowed), path);
                    assertTrue(allowed.isValidPath(path));
                }
            }
        }
        assertEquals(0, CrfMath.viterbi(new double[0][], random(r, 0, 1).potentials(constrained())).length);
    }

    @Test
    void marginalsMatchEnumeration() {
        Random r = new Random(13);
        for (CrfTransitions allowed : new CrfTransitions[] {CrfTransitions.allowAll(TAGS), constrained()}) {
            for (int steps = 1; steps <= 4; steps++) {
                Problem p = random(r, steps, 1);
                double[][] expected = BruteForce.marginals(p.e, p.trans, p.start, p.end, allowed);
                double[][] actual = CrfMath.marginals(p.e, p.potentials(allowed));
                for (int t = 0; t < steps; t++) {
                    assertArrayEquals(expected[t], actual[t], 1e-10);
                }
            }
        }
    }

    @Test
    void gradientMatchesFiniteDifferencesAndIgnoresForbiddenEntries() {
        Random r = new Random(14);
        CrfTransitions allowed = constrained();
        double h = 1e-6;
        for (int steps = 1; steps <= 4; steps++) {
            Problem p = random(r, steps, 1);
            int[] gold = BruteForce.paths(steps, TAGS, allowed).get(r.nextInt(BruteForce.paths(steps, TAGS, allowed).size()));
            double[][] dE = new double[steps][TAGS];
            double[][] dT = new double[TAGS][TAGS];
            double[] dS = new double[TAGS];
            double[] dEnd = new double[TAGS];
            double nll = CrfMath.gradient(gold, p.e, p.potentials(allowed), allowed, dE, dT, dS, dEnd);
            assertEquals(BruteForce.logZ(p.e, p.trans, p.start, p.end, allowed)
                    - BruteForce.score(gold, p.e, p.trans, p.start, p.end), nll, 1e-10);
            for (int i = 0; i < TAGS; i++) {
                for (int t = 0; t < steps; t++) {
                    assertEquals(numeric(p, gold, allowed, p.e[t], i, h), dE[t][i], 1e-7, "dE[" + t + "][" + i + "]");
                }
                for (int j = 0; j < TAGS; j++) {
                    assertEquals(numeric(p, gold, allowed, p.trans[i], j, h), dT[i][j], 1e-7, "dT[" + i + "][" + j + "]");
                    if (!allowed.isAllowed(i, j)) {
                        assertEquals(0.0, dT[i][j]);
                    }
                }
                assertEquals(numeric(p, gold, allowed, p.start, i, h), dS[i], 1e-7, "dStart[" + i + "]");
                assertEquals(numeric(p, gold, allowed, p.end, i, h), dEnd[i], 1e-7, "dEnd[" + i + "]");
            }
        }
    }

    /** Central difference of the NLL along one entry of one of the problem's arrays. */
    private static double numeric(Problem p, int[] gold, CrfTransitions allowed, double[] array, int index, double h) {
        double keep = array[index];
        array[index] = keep + h;
        double plus = CrfMath.negLogLikelihood(gold, p.e, p.potentials(allowed));
        array[index] = keep - h;
        double minus = CrfMath.negLogLikelihood(gold, p.e, p.potentials(allowed));
        array[index] = keep;
        return (plus - minus) / (2 * h);
    }

    @Test
    void logSumExpIsStableForLargeScores() {
        assertEquals(1000 + Math.log(2), CrfMath.logSumExp(new double[] {1000, 1000}), 1e-12);
        assertEquals(-1000 + Math.log(1 + Math.exp(-1)), CrfMath.logSumExp(new double[] {-1000, -1001}), 1e-12);
    }
}
