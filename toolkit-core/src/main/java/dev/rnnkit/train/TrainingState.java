package dev.rnnkit.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rnnkit.eval.EvalJson;
import dev.rnnkit.modelfile.ModelFileException;

/**
 * Where training stands, saved in every checkpoint so that a resumed run continues exactly.
 *
 * <p>The shuffle of epoch k is the k-th reshuffle of a generator seeded with the config seed, and dropout is
 * reseeded from (seed, iteration) before every minibatch, so (epoch, batch) fixes all randomness to come.
 *
 * @param formatVersion     {@value #FORMAT_VERSION}
 * @param epoch             the 0-based epoch in progress (equal to the epochs completed when {@code batch} is 0)
 * @param batch             minibatches of that epoch already fitted
 * @param iterations        minibatches fitted in the whole run
 * @param bestValue         the best watched validation value so far, or null
 * @param bestEpoch         the 1-based epoch of the best value, 0 if none
 * @param epochsWithoutImprovement epochs since the best value
 * @param finished          true once training is over (all epochs, an early stop or the time budget)
 * @param learningRate      the rate a plateau schedule has set, or null while it is the configured one
 * @param epochsSinceRateChange plateau schedule: epochs without improvement since the rate last changed
 * @param trainingSeconds   wall-clock seconds spent training so far (over all resumes), for {@code max_time}
 * @param epochLossSum      the epoch in progress: the sum of its minibatch losses so far (0 at an epoch boundary), so
 *                          that a run resumed mid-epoch logs the whole epoch's mean loss; 0 in older checkpoints
 * @param epochLosses       the epoch in progress: minibatch losses summed so far
 * @param epochExamples     the epoch in progress: examples fitted so far
 */
public record TrainingState(int formatVersion, int epoch, int batch, long iterations, Double bestValue, int bestEpoch,
                            int epochsWithoutImprovement, boolean finished, Double learningRate,
                            int epochsSinceRateChange, double trainingSeconds, double epochLossSum, int epochLosses,
                            long epochExamples) {

    /** The training-state format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** The state before the first minibatch. */
    public static TrainingState start() {
        return new TrainingState(FORMAT_VERSION, 0, 0, 0, null, 0, 0, false, null, 0, 0, 0, 0, 0);
    }

    /** As JSON text. */
    public String toJson() {
        return EvalJson.toJson(this);
    }

    /** Reads the JSON of a checkpoint; {@code source} names it in errors. */
    public static TrainingState fromJson(String json, String source) {
        if (json == null) {
            throw new ModelFileException(source + ": not a checkpoint (no rnnkit/training_state.json entry)");
        }
        try {
            TrainingState s = EvalJson.mapper().readValue(json, TrainingState.class);
            if (s.formatVersion() != FORMAT_VERSION) {
                throw new ModelFileException(source + ": training state format_version " + s.formatVersion() + " is not supported");
            }
            return s;
        } catch (JsonProcessingException e) {
            throw new ModelFileException(source + ": damaged training state: " + e.getOriginalMessage(), e);
        }
    }

    /** A copy at a new position. */
    public TrainingState at(int newEpoch, int newBatch, long newIterations) {
        // A new epoch starts its loss sums afresh.
        boolean sameEpoch = newEpoch == epoch && newBatch > 0;
        return new TrainingState(formatVersion, newEpoch, newBatch, newIterations, bestValue, bestEpoch, epochsWithoutImprovement,
                finished, learningRate, epochsSinceRateChange, trainingSeconds, sameEpoch ? epochLossSum : 0,
                sameEpoch ? epochLosses : 0, sameEpoch ? epochExamples : 0);
    }

    /** A copy with the loss and examples of the epoch in progress so far. */
    public TrainingState withEpochProgress(double lossSum, int losses, long examples) {
        return new TrainingState(formatVersion, epoch, batch, iterations, bestValue, bestEpoch, epochsWithoutImprovement, finished,
                learningRate, epochsSinceRateChange, trainingSeconds, lossSum, losses, examples);
    }

    /** A copy with new best-value bookkeeping. */
    public TrainingState withBest(Double value, int epochOfBest, int withoutImprovement) {
        return new TrainingState(formatVersion, epoch, batch, iterations, value, epochOfBest, withoutImprovement, finished,
                learningRate, epochsSinceRateChange, trainingSeconds, epochLossSum, epochLosses, epochExamples);
    }

    /** A copy with new plateau-schedule bookkeeping. */
    public TrainingState withRate(Double rate, int sinceChange) {
        return new TrainingState(formatVersion, epoch, batch, iterations, bestValue, bestEpoch, epochsWithoutImprovement, finished,
                rate, sinceChange, trainingSeconds, epochLossSum, epochLosses, epochExamples);
    }

    /** A copy with the training time so far. */
    public TrainingState withTrainingSeconds(double seconds) {
        return new TrainingState(formatVersion, epoch, batch, iterations, bestValue, bestEpoch, epochsWithoutImprovement, finished,
                learningRate, epochsSinceRateChange, seconds, epochLossSum, epochLosses, epochExamples);
    }

    /** A copy marked as finished or not. */
    public TrainingState withFinished(boolean done) {
        return new TrainingState(formatVersion, epoch, batch, iterations, bestValue, bestEpoch, epochsWithoutImprovement, done,
                learningRate, epochsSinceRateChange, trainingSeconds, epochLossSum, epochLosses, epochExamples);
    }

    /** A copy marked as finished. */
    public TrainingState asFinished() {
        return withFinished(true);
    }
}
