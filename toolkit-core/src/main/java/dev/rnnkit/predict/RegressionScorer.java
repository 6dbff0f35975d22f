package dev.rnnkit.predict;

import dev.rnnkit.data.timeseries.TimeSeriesState;
import dev.rnnkit.eval.ErrorScores;
import dev.rnnkit.eval.MetricsTable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * MAE, RMSE, MAPE and sMAPE of a regression head ([b, K] or per step [b, K, T] with a mask), in original units
 * when a time-series scaler applies.
 */
final class RegressionScorer implements TaskScorer {

    private final TimeSeriesState scaling;
    private final ErrorScores.Accumulator errors = new ErrorScores.Accumulator();

    /** @param scaling the time-series state whose scalers map values back to original units, or null */
    RegressionScorer(TimeSeriesState scaling) {
        this.scaling = scaling;
    }

    @Override
    public void add(MultiDataSet batch, INDArray output) {
        INDArray labels = batch.getLabels(0);
        INDArray mask = batch.getLabelsMaskArray(0);
        long steps = labels.rank() == 3 ? labels.size(2) : 1;
        for (int i = 0; i < labels.size(0); i++) {
            for (int k = 0; k < labels.size(1); k++) {
                for (int t = 0; t < steps; t++) {
                    if (labels.rank() == 3 && mask != null && mask.getDouble(i, t) == 0) {
                        continue;
                    }
                    double a = labels.rank() == 3 ? labels.getDouble(i, k, t) : labels.getDouble(i, k);
                    double p = output.rank() == 3 ? output.getDouble(i, k, t) : output.getDouble(i, k);
                    errors.add(original(k, a), original(k, p), 0); // no MASE scale without a seasonal baseline
                }
            }
        }
    }

    private double original(int k, double v) {
        return scaling == null ? v : scaling.inverseTarget(k, v);
    }

    @Override
    public EvaluationResult finish(double loss) {
        ErrorScores s = errors.scores();
        String table = MetricsTable.withColumns("mae", "rmse", "mape_%", "smape_%", "values")
                .row(s.mae(), s.rmse(), s.mape(), s.smape(), s.count()).render();
        return new EvaluationResult("regression", EvaluationResult.metrics(loss, "mae", s.mae(), "rmse", s.rmse(),
                "mape", s.mape(), "smape", s.smape()), s, table, null, null);
    }
}
