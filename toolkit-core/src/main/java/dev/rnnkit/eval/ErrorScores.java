package dev.rnnkit.eval;

/**
 * Point-forecast errors of one forecaster, in the target's original units.
 *
 * @param count            forecast values scored
 * @param mae              mean absolute error
 * @param rmse             root mean squared error
 * @param mape             mean absolute percentage error in percent over non-zero actuals; {@code null} if all are zero
 * @param mapeSkippedZeros actual values left out of MAPE because they are zero
 * @param smape            symmetric MAPE in percent, {@code 200 |f-a| / (|a|+|f|)} averaged; a pair of zeros scores 0
 * @param mase             MAE over the in-sample seasonal-naive MAE; {@code null} when that scale is zero
 */
public record ErrorScores(long count, double mae, double rmse, Double mape, long mapeSkippedZeros, double smape, Double mase) {

    /** Sums errors one value at a time and turns them into scores. */
    public static final class Accumulator {
        private long count;
        private double absSum;
        private double squaredSum;
        private double apeSum;
        private long apeCount;
        private double smapeSum;
        private double scaledAbsSum;
        private boolean unscaled;

        /** Adds one forecast; {@code scale} is the target's MASE denominator. */
        public void add(double actual, double forecast, double scale) {
            double err = Math.abs(forecast - actual);
            count++;
            absSum += err;
            squaredSum += err * err;
            if (actual != 0) {
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
            return new ErrorScores(count, absSum / count, Math.sqrt(squaredSum / count),
                    apeCount == 0 ? null : 100 * apeSum / apeCount, count - apeCount,
                    100 * smapeSum / count, unscaled ? null : scaledAbsSum / count);
        }
    }
}
