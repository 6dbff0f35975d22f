package dev.rnnkit.predict;

import dev.rnnkit.data.timeseries.TimeSeriesState;
import dev.rnnkit.eval.ForecastMetrics;
import dev.rnnkit.eval.ForecastReport;
import dev.rnnkit.eval.plot.ForecastChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * MAE, RMSE, MSE, standardised MSE and MAE, MAPE, sMAPE and MASE for forecast windows, next to the persistence and
 * seasonal-naive baselines; each window's context (last season, level, step timestamps) travels with its batch.
 */
final class ForecastScorer implements TaskScorer {

    private final ForecastMetrics.Accumulator metrics;
    private final ForecastCollector windows;

    ForecastScorer(TimeSeriesState state, double[] maseScales, double[] stds) {
        // Models saved before the training deviation was kept: no standardised scores rather than wrong ones.
        double[] deviations = stds != null ? stds : new double[state.targetCount()];
        int season = state.settings().season();
        // Without stored scales MASE would need the training series, which a saved model does not keep: this throws, naming it.
        double[] scales = maseScales != null ? maseScales : new double[] {ForecastMetrics.inSampleSeasonalMae(new double[0], season)};
        this.metrics = new ForecastMetrics.Accumulator(state.settings().targetColumns(), state.horizon(), season, scales, deviations);
        // Metrics add up every window; only the windows the plots show are kept.
        this.windows = new ForecastCollector(state, ForecastChart.MAX_POINTS, metrics);
    }

    @Override
    public void add(MultiDataSet batch, INDArray output) {
        windows.add(batch, output);
    }

    @Override
    public EvaluationResult finish(double loss) {
        ForecastReport r = metrics.report();
        var model = r.overall().model();
        return new EvaluationResult("forecast", EvaluationResult.metrics(loss, "mae", model.mae(), "rmse", model.rmse(),
                "mse_norm", model.mseNorm(), "mae_norm", model.maeNorm(),
                "mape", model.mape(), "smape", model.smape(), "mase", model.mase()), r, r.toTable(), null, windows.series());
    }
}
