package dev.rnnkit.eval;

import java.util.List;

/**
 * Forecast scores of one target.
 *
 * @param target    target name
 * @param maseScale in-sample seasonal-naive MAE of the training series (MASE denominator)
 * @param scores    model vs persistence vs seasonal naive
 * @param maeByStep the model's MAE at each horizon step, step 1 first
 */
public record TargetForecastReport(String target, double maseScale, ForecastComparison scores, List<Double> maeByStep) {

    /** Copies the list so the record is immutable. */
    public TargetForecastReport {
        maeByStep = List.copyOf(maeByStep);
    }
}
