package dev.rnnkit.predict;

import dev.rnnkit.data.timeseries.TimeSeriesState;
import dev.rnnkit.eval.ForecastMetrics;
import dev.rnnkit.eval.ForecastReport;
import dev.rnnkit.eval.ForecastTarget;
import dev.rnnkit.eval.plot.ForecastSeries;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * MAE, RMSE, MAPE, sMAPE and MASE in original units for forecast windows, next to the persistence and
 * seasonal-naive baselines; each window's last season of history travels with its batch as example metadata.
 */
final class ForecastScorer implements TaskScorer {

    private final TimeSeriesState state;
    private final double[] maseScales;
    private final double[] stds;
    private final int season;
    private final List<List<double[]>> actual = new ArrayList<>();
    private final List<List<double[]>> predicted = new ArrayList<>();
    private final List<List<double[]>> history = new ArrayList<>();

    ForecastScorer(TimeSeriesState state, double[] maseScales, double[] stds) {
        this.state = state;
        this.maseScales = maseScales;
        this.stds = stds;
        this.season = state.settings().season();
        for (int k = 0; k < state.targetCount(); k++) {
            actual.add(new ArrayList<>());
            predicted.add(new ArrayList<>());
            history.add(new ArrayList<>());
        }
    }

    @Override
    public void add(MultiDataSet batch, INDArray output) {
        List<java.io.Serializable> contexts = batch.getExampleMetaData();
        double[][][] truth = state.inverseForecast(batch.getLabels(0), contexts);
        double[][][] forecast = state.inverseForecast(output, contexts);
        for (int i = 0; i < truth.length; i++) {
            float[][] lastSeason = contexts == null ? null : ((TimeSeriesState.WindowContext) contexts.get(i)).seasonal();
            if (lastSeason == null) {
                throw new IllegalStateException("forecast window " + i + " of a batch has no seasonal history (season " + season
                        + "): evaluate on windows of a validation, test or labelled file");
            }
            for (int k = 0; k < state.targetCount(); k++) {
                double[] a = new double[state.horizon()];
                double[] p = new double[state.horizon()];
                for (int h = 0; h < a.length; h++) {
                    a[h] = truth[i][h][k];
                    p[h] = forecast[i][h][k];
                }
                double[] recent = new double[season];
                for (int s = 0; s < season; s++) {
                    recent[s] = state.inverseTarget(k, lastSeason[k][s]);
                }
                actual.get(k).add(a);
                predicted.get(k).add(p);
                history.get(k).add(recent);
            }
        }
    }

    @Override
    public EvaluationResult finish(double loss) {
        List<ForecastTarget> targets = new ArrayList<>();
        List<ForecastSeries> series = new ArrayList<>();
        for (int k = 0; k < state.targetCount(); k++) {
            String name = state.settings().targetColumns().get(k);
            double[][] a = actual.get(k).toArray(double[][]::new);
            double[][] p = predicted.get(k).toArray(double[][]::new);
            targets.add(new ForecastTarget(name, a, p, history.get(k).toArray(double[][]::new), new double[0]));
            series.add(ForecastSeries.ofSteps(name, column0(a), column0(p)));
        }
        // Models saved before the training deviation was kept: no standardised scores rather than wrong ones.
        double[] deviations = stds != null ? stds : new double[state.targetCount()];
        ForecastReport r = ForecastMetrics.evaluate(targets, season, maseScales, deviations);
        var model = r.overall().model();
        return new EvaluationResult("forecast", EvaluationResult.metrics(loss, "mae", model.mae(), "rmse", model.rmse(),
                "mse_norm", model.mseNorm(), "mae_norm", model.maeNorm(),
                "mape", model.mape(), "smape", model.smape(), "mase", model.mase()), r, r.toTable(), null, series);
    }

    private static double[] column0(double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][0];
        }
        return out;
    }
}
