package dev.rnnkit.eval;

/**
 * Statistics of the training split that baselines need when a saved model is evaluated on new data.
 *
 * @param maseScales     per target, the in-sample seasonal-naive MAE of the training series (forecasting);
 *                       null for other tasks
 * @param unigramCounts  per token id, its count in the training text (generation); null for other tasks
 */
public record TrainingBaselines(double[] maseScales, long[] unigramCounts) {

    /** No baselines (classification, tagging). */
    public static TrainingBaselines none() {
        return new TrainingBaselines(null, null);
    }
}
