package dev.rnnkit.eval;

/**
 * Statistics of the training split that baselines need when a saved model is evaluated on new data.
 *
 * @param maseScales     per target, the in-sample seasonal-naive MAE of the training series (forecasting);
 *                       null for other tasks
 * @param unigramCounts  per token id, its count in the training text (generation); null for other tasks
 * @param targetStds     per target, its standard deviation over the training series (forecasting: scores on the
 *                       standardised scale); null for other tasks and for models saved before rnnkit kept it
 */
public record TrainingBaselines(double[] maseScales, long[] unigramCounts, double[] targetStds) {

    /** No baselines (classification, tagging). */
    public static TrainingBaselines none() {
        return new TrainingBaselines(null, null, null);
    }
}
