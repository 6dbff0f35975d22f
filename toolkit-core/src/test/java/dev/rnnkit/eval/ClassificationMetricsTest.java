package dev.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    static final List<String> NAMES = List.of("cat", "dog", "bird");
    static final int[] ACTUAL = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    static final int[] PREDICTED = {0, 0, 1, 2, 1, 1, 0, 2, 2, 1};

    /*
     * Confusion matrix by hand (rows actual, cols predicted):
     *   cat : 2 1 1   (support 4)
     *   dog : 1 2 0   (support 3)
     *   bird: 0 1 2   (support 3)
     * column sums (predicted counts): 3 4 3; diagonal 2 2 2 -> accuracy 6/10.
     * cat : P 2/3, R 2/4, F1 = 2(2/3)(1/2)/(7/6) = 4/7
     * dog : P 2/4, R 2/3, F1 = 4/7
     * bird: P 2/3, R 2/3, F1 = 2/3
     * macro F1 = (4/7 + 4/7 + 2/3) / 3 = 38/63
     * weighted F1 = (4*4/7 + 3*4/7 + 3*2/3) / 10 = (4 + 2) / 10 = 0.6
     */
    static ClassificationReport handReport() {
        return ClassificationMetrics.evaluate(ACTUAL, PREDICTED, NAMES);
    }

    @Test
    void threeClassCountsMatchHandComputation() {
        ClassificationReport r = handReport();
        ConfusionMatrix cm = r.confusionMatrix();
        assertEquals(List.of(List.of(2L, 1L, 1L), List.of(1L, 2L, 0L), List.of(0L, 1L, 2L)), cm.counts());
        assertEquals(10, r.examples());
        assertEquals(0.6, r.accuracy(), 1e-15);
        ClassScores cat = r.perClass().get(0);
        assertEquals(List.of("cat", 4L, 3L, 2L), List.of(cat.name(), cat.support(), cat.predicted(), cat.correct()));
        assertEquals(2.0 / 3, cat.precision(), 1e-15);
        assertEquals(0.5, cat.recall(), 1e-15);
        assertEquals(4.0 / 7, cat.f1(), 1e-15);
        assertEquals(0.5, r.perClass().get(1).precision(), 1e-15);
        assertEquals(2.0 / 3, r.perClass().get(1).recall(), 1e-15);
        assertEquals(4.0 / 7, r.perClass().get(1).f1(), 1e-15);
        assertEquals(2.0 / 3, r.perClass().get(2).f1(), 1e-15);
        assertEquals(38.0 / 63, r.macroF1(), 1e-15);
        assertEquals(0.6, r.weightedF1(), 1e-15);
        assertNull(r.logLoss());
    }

    @Test
    void logLossIsMeanNegativeLogOfTrueClassProbability() {
        // p(true) is 0.5 on the six hits and 0.25 on the four misses: (6 ln 2 + 4 ln 4) / 10 = 1.4 ln 2.
        double[][] probs = new double[ACTUAL.length][];
        for (int i = 0; i < ACTUAL.length; i++) {
            double p = ACTUAL[i] == PREDICTED[i] ? 0.5 : 0.25;
            probs[i] = new double[] {(1 - p) / 2, (1 - p) / 2, (1 - p) / 2};
            probs[i][ACTUAL[i]] = p;
        }
        ClassificationReport r = ClassificationMetrics.evaluate(ACTUAL, PREDICTED, probs, NAMES);
        assertEquals(1.4 * Math.log(2), r.logLoss(), 1e-12);
    }

    @Test
    void classAbsentFromBothSidesDoesNotLowerMacroF1() {
        // "bird" never occurs: macro averages cat (F1 1) and dog (P 1/2, R 1, F1 2/3) only.
        ClassificationReport r = ClassificationMetrics.evaluate(new int[] {0, 1}, new int[] {0, 1}, List.of("cat", "dog", "bird"));
        assertEquals(1.0, r.macroF1(), 1e-15);
        ClassificationReport r2 = ClassificationMetrics.evaluate(new int[] {0, 1, 0}, new int[] {0, 1, 1}, List.of("cat", "dog", "bird"));
        assertEquals((2.0 / 3 + 2.0 / 3) / 2, r2.macroF1(), 1e-15);
        assertEquals(0.0, r2.perClass().get(2).f1());
    }

    @Test
    void tableHasOneRowPerClassAveragesAndMatrix() {
        String expected = """
                class         precision  recall      f1  support
                ------------------------------------------------
                cat              0.6667  0.5000  0.5714        4
                dog              0.5000  0.6667  0.5714        3
                bird             0.6667  0.6667  0.6667        3
                macro avg             -       -  0.6032       10
                weighted avg          -       -  0.6000       10
                accuracy 0.6000 over 10 examples

                actual \\ predicted  cat  dog  bird
                ----------------------------------
                cat                   2    1     1
                dog                   1    2     0
                bird                  0    1     2
                """;
        assertEquals(expected, handReport().toTable());
    }

    @Test
    void badInputNamesTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.evaluate(new int[] {0, 3}, new int[] {0, 1}, NAMES));
        assertEquals("actual[1] = 3 is not a class id (expected 0..2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.evaluate(new int[] {0}, new int[] {0, 1}, NAMES));
        assertEquals("actual has 1 labels but predicted has 2", e.getMessage());
    }
}
