package dev.rnnkit.predict;

import dev.rnnkit.data.timeseries.TimeSeriesState;
import dev.rnnkit.eval.ForecastMetrics;
import dev.rnnkit.eval.ForecastReport;
import dev.rnnkit.eval.ForecastTarget;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * MAE, RMSE, MSE, standardised MSE and MAE, MAPE, sMAPE and MASE for forecast windows, next to the persistence and
 * seasonal-naive baselines; each window's context (last season, level, step timestamps) travels with its batch.
 */
final class ForecastScorer implements TaskScorer {

    private final TimeSeriesState state;
    private final double[] maseScales;
    private final double[] stds;
    private final ForecastCollector windows;

    ForecastScorer(TimeSeriesState state, double[] maseScales, double[] stds) {
        this.state = state;
        this.maseScales = maseScales;
        this.stds = stds;
        this.windows = new ForecastCollector(state);
    }

    @Override
    public void add(MultiDataSet batch, INDArray output) {
        windows.add(batch, output);
    }

    @Override
    public EvaluationResult finish(double loss) {
        List<ForecastTarget> targets = windows.targets();
        int season = state.settings().season();
        // Models saved before the training deviation was kept: no standardised scores rather than wrong ones.
        double[] deviations = stds != null ? stds : new double[state.targetCount()];
        ForecastReport r = ForecastMetrics.evaluate(targets, season, maseScales, deviations);
        var model = r.overall().model();
        return new EvaluationResult("forecast", EvaluationResult.metrics(loss, "mae", model.mae(), "rmse", model.rmse(),
                "mse_norm", model.mseNorm(), "mae_norm", model.maeNorm(),
                "mape", model.mape(), "smape", model.smape(), "mase", model.mase()), r, r.toTable(), null,
                ForecastCollector.series(targets, ForecastCollector.stepTimes(List.of(windows)), season));
    }
}
