package dev.rnnkit.eval;

import java.util.List;

/**
 * Forecast scores per target and over all targets.
 *
 * <p>Overall MAE, RMSE, MAPE and sMAPE pool every value of every target (meaningful when the targets
 * share units); the standardised MSE and MAE and MASE pool unit-free errors, so they compare across targets (the
 * "multivariate" numbers of benchmark tables are the standardised ones). {@code near_zero} counts the actual values
 * MAPE leaves out because they lie within a tenth of the training standard deviation of zero.
 *
 * @param horizon steps forecast from each origin
 * @param season  season m of the seasonal-naive baseline and the MASE scale
 * @param targets one report per target, in input order
 * @param overall all targets together
 */
public record ForecastReport(int horizon, int season, List<TargetForecastReport> targets, ForecastComparison overall) {

    /** Copies the list so the record is immutable. */
    public ForecastReport {
        targets = List.copyOf(targets);
    }

    /** One row per target and forecaster, then the overall rows. */
    public String toTable() {
        MetricsTable table = MetricsTable.withColumns("target", "forecaster", "mae", "rmse", "mse_norm", "mae_norm", "mape_%",
                "smape_%", "mase", "near_zero");
        for (TargetForecastReport t : targets) {
            addRows(table, t.target(), t.scores());
        }
        if (targets.size() > 1) {
            addRows(table, "overall", overall);
        }
        return "horizon " + horizon + ", season m=" + season + "\n" + table.render();
    }

    /** Per target and horizon step: MAE and standardised MSE of the model and both baselines. */
    public String stepTable() {
        MetricsTable table = MetricsTable.withColumns("target", "step", "model_mae", "model_mse_norm", "persistence_mae",
                "persistence_mse_norm", "seasonal_mae", "seasonal_mse_norm");
        for (TargetForecastReport t : targets) {
            for (int h = 0; h < t.byStep().size(); h++) {
                ForecastComparison c = t.byStep().get(h);
                table.row(t.target(), h + 1, c.model().mae(), c.model().mseNorm(), c.persistence().mae(), c.persistence().mseNorm(),
                        c.seasonalNaive().mae(), c.seasonalNaive().mseNorm());
            }
        }
        return table.render();
    }

    private void addRows(MetricsTable table, String target, ForecastComparison c) {
        addRow(table, target, "model", c.model());
        addRow(table, target, "persistence", c.persistence());
        addRow(table, target, "seasonal_naive(m=" + season + ")", c.seasonalNaive());
    }

    private static void addRow(MetricsTable table, String target, String forecaster, ErrorScores s) {
        table.row(target, forecaster, s.mae(), s.rmse(), s.mseNorm(), s.maeNorm(), s.mape(), s.smape(), s.mase(), s.mapeSkippedZeros());
    }
}
