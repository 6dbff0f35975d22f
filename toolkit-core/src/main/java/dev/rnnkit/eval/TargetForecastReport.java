package dev.rnnkit.eval;

import java.util.List;

/**
 * Forecast scores of one target, overall and per horizon step.
 *
 * @param target    target name
 * @param maseScale in-sample seasonal-naive MAE of the training series (MASE denominator)
 * @param scores    model vs persistence vs seasonal naive, over all steps
 * @param maeByStep the model's MAE at each horizon step, step 1 first
 * @param byStep    model vs persistence vs seasonal naive at each horizon step, step 1 first
 */
public record TargetForecastReport(String target, double maseScale, ForecastComparison scores, List<Double> maeByStep,
                                   List<ForecastComparison> byStep) {

    /** Copies the lists so the record is immutable. */
    public TargetForecastReport {
        maeByStep = List.copyOf(maeByStep);
        byStep = List.copyOf(byStep);
    }
}
