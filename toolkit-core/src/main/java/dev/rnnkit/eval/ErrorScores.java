package dev.rnnkit.eval;

/**
 * Point-forecast errors of one forecaster, in the target's original units and on the standardised scale.
 *
 * @param count            forecast values scored
 * @param mae              mean absolute error
 * @param rmse             root mean squared error
 * @param mse              mean squared error
 * @param maeNorm          MAE on the standardised scale (over the training split's standard deviation), the scale of
 *                         published benchmark tables; {@code null} without that deviation
 * @param mseNorm          MSE on the standardised scale (over the training variance); {@code null} without it
 * @param mape             mean absolute percentage error in percent over actuals away from zero; {@code null} when none is
 * @param mapeSkippedZeros actual values left out of MAPE because they are (near) zero: within a tenth of the training
 *                         standard deviation of 0, where a percentage error explodes
 * @param smape            symmetric MAPE in percent, {@code 200 |f-a| / (|a|+|f|)} averaged; a pair of zeros scores 0
 * @param mase             MAE over the in-sample seasonal-naive MAE; {@code null} when that scale is zero
 */
public record ErrorScores(long count, double mae, double rmse, double mse, Double maeNorm, Double mseNorm, Double mape,
                          long mapeSkippedZeros, double smape, Double mase) {

    /** Share of the training standard deviation within which an actual value counts as zero for MAPE. */
    public static final double NEAR_ZERO = 0.1;

    /** Sums errors one value at a time and turns them into scores. */
    public static final class Accumulator {
        private long count;
        private double absSum;
        private double squaredSum;
        private double normAbsSum;
        private double normSquaredSum;
        private boolean unnormalised;
        private double apeSum;
        private long apeCount;
        private double smapeSum;
        private double scaledAbsSum;
        private boolean unscaled;

        /** Adds one forecast; {@code scale} is the target's MASE denominator; no standardised scores. */
        public void add(double actual, double forecast, double scale) {
            add(actual, forecast, scale, 0);
        }

        /**
         * Adds one forecast.
         *
         * @param scale the target's MASE denominator (0: no MASE)
         * @param std   the target's standard deviation over the training split (0: no standardised scores, and only
         *              exact zeros are left out of MAPE)
         */
        public void add(double actual, double forecast, double scale, double std) {
            double err = Math.abs(forecast - actual);
            count++;
            absSum += err;
            squaredSum += err * err;
            if (std > 0) {
                normAbsSum += err / std;
                normSquaredSum += (err / std) * (err / std);
            } else {
                unnormalised = true;
            }
            if (Math.abs(actual) > NEAR_ZERO * std && actual != 0) {
                apeSum += err / Math.abs(actual);
                apeCount++;
            }
            double denom = Math.abs(actual) + Math.abs(forecast);
            smapeSum += denom == 0 ? 0 : 2 * err / denom;
            if (scale > 0) {
                scaledAbsSum += err / scale;
            } else {
                unscaled = true;
            }
        }

        public ErrorScores scores() {
            if (count == 0) {
                throw new IllegalStateException("no forecast values");
            }
            return new ErrorScores(count, absSum / count, Math.sqrt(squaredSum / count), squaredSum / count,
                    unnormalised ? null : normAbsSum / count, unnormalised ? null : normSquaredSum / count,
                    apeCount == 0 ? null : 100 * apeSum / apeCount, count - apeCount,
                    100 * smapeSum / count, unscaled ? null : scaledAbsSum / count);
        }
    }
}
