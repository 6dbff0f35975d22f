package dev.rnnkit.train;

import java.util.Map;

/**
 * What one epoch did.
 *
 * @param epoch       1-based epoch number
 * @param epochs      epochs planned
 * @param trainLoss   mean training loss over the epoch's minibatches
 * @param examples    examples trained on
 * @param seconds     wall time of the epoch's training (without validation)
 * @param validation  validation metrics (loss, accuracy, ...) or empty without validation data
 * @param improved    whether the watched metric improved (the best model was saved)
 */
public record EpochSummary(int epoch, int epochs, double trainLoss, long examples, double seconds,
                           Map<String, Double> validation, boolean improved) {

    /** Examples per second of training. */
    public double examplesPerSecond() {
        return seconds > 0 ? examples / seconds : 0;
    }
}
