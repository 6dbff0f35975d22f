package dev.rnnkit.backtest;

/**
 * Which forecast origins a backtest scores.
 *
 * @param start  the first forecast time scored (a timestamp, compared as text like validation_start); null for the
 *               first origin the data allows
 * @param end    the first forecast time not scored; null for the end of the data
 * @param stride origins between two scored ones (1 scores every step; 24 once a day for hourly data)
 * @param folds  0: no refit, the trained model forecasts every origin; K: the period is cut into K consecutive folds
 *               and the config is trained again before each, on everything before it
 */
public record BacktestPlan(String start, String end, int stride, int folds) {

    public BacktestPlan {
        if (stride < 1) {
            throw new IllegalArgumentException("--stride must be at least 1, got " + stride);
        }
        if (folds < 0) {
            throw new IllegalArgumentException("--folds must be at least 1, got " + folds);
        }
        if (start != null && end != null && end.compareTo(start) <= 0) {
            throw new IllegalArgumentException("--end must come after --start ('" + start + "'), got '" + end + "'");
        }
    }

    /** True when the config is trained again before each fold. */
    public boolean refits() {
        return folds > 0;
    }

    /** Whether a forecast time falls in the period. */
    boolean contains(String time) {
        return (start == null || time.compareTo(start) >= 0) && (end == null || time.compareTo(end) < 0);
    }
}
