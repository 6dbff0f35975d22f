package dev.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastMetricsTest {

    /*
     * Training series 10 12 12 14 14 16; season m = 2: |12-10| |14-12| |14-12| |16-14| = 2 each -> scale 2.
     * Test series 13 15 0 16, horizon 2 -> 3 rolling origins:
     *   origin 0: actual 13 15, last season 14 16, model 14 15
     *   origin 1: actual 15  0, last season 16 13, model 14  1
     *   origin 2: actual  0 16, last season 13 15, model  1 13
     * model |errors|: 1 0 | 1 1 | 1 3  -> MAE 7/6, RMSE sqrt((1+0+1+1+1+9)/6) = sqrt(13/6), MASE (7/6)/2 = 7/12
     *   MAPE over the 4 non-zero actuals (2 zeros skipped): (1/13 + 0/15 + 1/15 + 3/16) / 4 * 100
     *   sMAPE: 200/6 * (1/27 + 0 + 1/29 + 1/1 + 1/1 + 3/29)   [2|e|/(|a|+|f|) halves: 2*1/27 ...]
     *   MAE by step: step 1 (1+1+1)/3 = 1, step 2 (0+1+3)/3 = 4/3
     * persistence (last value 16, 13, 15): |errors| 3 1 | 2 13 | 15 1 -> MAE 35/6, RMSE sqrt(409/6), MASE 35/12
     * seasonal naive (14 16, 16 13, 13 15): |errors| 1 1 | 1 13 | 13 1 -> MAE 30/6 = 5, RMSE sqrt(342/6), MASE 2.5
     */
    static final double[] TRAIN = {10, 12, 12, 14, 14, 16};
    static final double[] TEST = {13, 15, 0, 16};
    static final double[][] MODEL = {{14, 15}, {14, 1}, {1, 13}};

    static ForecastReport handReport() {
        return ForecastMetrics.evaluate(List.of(ForecastTarget.rollingOrigin("load", TRAIN, TEST, MODEL, 2)), 2);
    }

    @Test
    void rollingOriginBuildsWindowsAndHistory() {
        ForecastTarget t = ForecastTarget.rollingOrigin("load", TRAIN, TEST, MODEL, 2);
        assertArrayEquals(new double[][] {{13, 15}, {15, 0}, {0, 16}}, t.actual());
        assertArrayEquals(new double[][] {{14, 16}, {16, 13}, {13, 15}}, t.recentHistory());
    }

    @Test
    void modelScoresMatchHandComputation() {
        TargetForecastReport t = handReport().targets().get(0);
        assertEquals(2.0, t.maseScale(), 1e-15);
        ErrorScores m = t.scores().model();
        assertEquals(6, m.count());
        assertEquals(7.0 / 6, m.mae(), 1e-12);
        assertEquals(Math.sqrt(13.0 / 6), m.rmse(), 1e-12);
        assertEquals((1.0 / 13 + 1.0 / 15 + 3.0 / 16) / 4 * 100, m.mape(), 1e-12);
        assertEquals(2, m.mapeSkippedZeros());
        assertEquals(200.0 / 6 * (1.0 / 27 + 1.0 / 29 + 1 + 1 + 3.0 / 29), m.smape(), 1e-12);
        assertEquals(7.0 / 12, m.mase(), 1e-12);
        assertEquals(List.of(1.0, 4.0 / 3), t.maeByStep());
    }

    @Test
    void baselinesMatchHandComputation() {
        ForecastComparison c = handReport().targets().get(0).scores();
        assertEquals(35.0 / 6, c.persistence().mae(), 1e-12);
        assertEquals(Math.sqrt(409.0 / 6), c.persistence().rmse(), 1e-12);
        assertEquals(35.0 / 12, c.persistence().mase(), 1e-12);
        assertEquals((3.0 / 13 + 1.0 / 15 + 2.0 / 15 + 1.0 / 16) / 4 * 100, c.persistence().mape(), 1e-12);
        assertEquals(5.0, c.seasonalNaive().mae(), 1e-12);
        assertEquals(Math.sqrt(57), c.seasonalNaive().rmse(), 1e-12);
        assertEquals(2.5, c.seasonalNaive().mase(), 1e-12);
    }

    @Test
    void seasonOneMakesSeasonalNaiveEqualPersistence() {
        // m = 1: scale = (2+0+2+0+2)/5 = 1.2, MASE = (7/6)/1.2 = 35/36.
        ForecastReport r = ForecastMetrics.evaluate(List.of(ForecastTarget.rollingOrigin("load", TRAIN, TEST, MODEL, 1)), 1);
        TargetForecastReport t = r.targets().get(0);
        assertEquals(1.2, t.maseScale(), 1e-12);
        assertEquals(35.0 / 36, t.scores().model().mase(), 1e-12);
        assertEquals(t.scores().persistence(), t.scores().seasonalNaive());
    }

    @Test
    void overallPoolsValuesAndAveragesMase() {
        // A second target at twice the scale: same MASE (7/12), MAE doubles (7/3). Pooled MAE = (7 + 14) / 12.
        double[] train2 = Arrays.stream(TRAIN).map(v -> 2 * v).toArray();
        double[] test2 = Arrays.stream(TEST).map(v -> 2 * v).toArray();
        double[][] model2 = Arrays.stream(MODEL).map(r -> Arrays.stream(r).map(v -> 2 * v).toArray()).toArray(double[][]::new);
        ForecastReport r = ForecastMetrics.evaluate(List.of(
                ForecastTarget.rollingOrigin("a", TRAIN, TEST, MODEL, 2),
                ForecastTarget.rollingOrigin("b", train2, test2, model2, 2)), 2);
        assertEquals(7.0 / 3, r.targets().get(1).scores().model().mae(), 1e-12);
        ErrorScores overall = r.overall().model();
        assertEquals(12, overall.count());
        assertEquals(21.0 / 12, overall.mae(), 1e-12);
        assertEquals(7.0 / 12, overall.mase(), 1e-12);
        assertEquals(4, overall.mapeSkippedZeros());
        assertEquals((1.0 / 13 + 1.0 / 15 + 3.0 / 16) / 4 * 100, overall.mape(), 1e-12);
    }

    @Test
    void undefinedMetricsAreNull() {
        // A flat training series has no seasonal-naive error to scale by; all-zero actuals leave MAPE undefined.
        ForecastTarget t = new ForecastTarget("flat", new double[][] {{0, 0}}, new double[][] {{1, 0}},
                new double[][] {{5}}, new double[] {5, 5, 5});
        ErrorScores m = ForecastMetrics.evaluate(List.of(t), 1).targets().get(0).scores().model();
        assertNull(m.mase());
        assertNull(m.mape());
        assertEquals(2, m.mapeSkippedZeros());
        // sMAPE: 200 for the (0, 1) pair, 0 for the (0, 0) pair.
        assertEquals(100.0, m.smape(), 1e-12);
    }

    @Test
    void tablePrintsModelAgainstBaselines() {
        String table = handReport().toTable();
        assertEquals("""
                horizon 2, season m=2
                target  forecaster              mae    rmse  mse_norm  mae_norm   mape_%  smape_%    mase  near_zero
                ----------------------------------------------------------------------------------------------------
                load    model                1.1667  1.4720    0.5909    0.6093   8.2772  72.4989  0.5833          2
                load    persistence          5.8333  8.2563   18.5909    3.0464  12.3317  74.6464  2.9167          2
                load    seasonal_naive(m=2)  5.0000  7.5498   15.5455    2.6112   6.8189  71.1270  2.5000          2
                """, table);
    }

    @Test
    void standardisedScoresDivideByTheTrainingDeviation() {
        ErrorScores m = handReport().targets().get(0).scores().model();
        double variance = 22.0 / 6; // TRAIN: mean 13, squared deviations 9+1+1+1+1+9
        assertEquals(m.mse() / variance, m.mseNorm(), 1e-12);
        assertEquals(m.mae() / Math.sqrt(variance), m.maeNorm(), 1e-12);
        assertEquals(m.rmse() * m.rmse(), m.mse(), 1e-12);
    }

    @Test
    void actualsNearZeroAreLeftOutOfMapeAndCounted() {
        // Training deviation 10: |actual| within 1.0 of zero is "near zero" and would explode a percentage error.
        ErrorScores.Accumulator acc = new ErrorScores.Accumulator();
        acc.add(0.05, 2.05, 1, 10);   // 4000 % if it counted
        acc.add(-0.9, 1.1, 1, 10);
        acc.add(20, 22, 1, 10);       // 10 %
        ErrorScores s = acc.scores();
        assertEquals(10.0, s.mape(), 1e-12);
        assertEquals(2, s.mapeSkippedZeros());
        ErrorScores.Accumulator all = new ErrorScores.Accumulator();
        all.add(0.5, 1, 1, 10);
        assertEquals(null, all.scores().mape(), "undefined when every actual is near zero");
        assertEquals(1, all.scores().mapeSkippedZeros());
    }

    @Test
    void shapeErrorsNameTheTarget() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForecastTarget.rollingOrigin("load", TRAIN, TEST, new double[][] {{1, 2}}, 2));
        assertEquals("load: a test series of 4 values with horizon 2 gives 3 forecast origins, but predicted has 1 rows", e.getMessage());
        ForecastTarget shortHistory = new ForecastTarget("load", new double[][] {{1}}, new double[][] {{1}}, new double[][] {{1}}, TRAIN);
        e = assertThrows(IllegalArgumentException.class, () -> ForecastMetrics.evaluate(List.of(shortHistory), 2));
        assertEquals("load: recent_history row 0 has 1 values, the seasonal-naive baseline needs at least 2", e.getMessage());
    }
}
