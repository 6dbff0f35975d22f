package dev.rnnkit.eval.plot;

/**
 * Losses and one validation metric after an epoch.
 *
 * @param epoch            epoch number (x axis)
 * @param trainLoss        mean training loss of the epoch
 * @param validationLoss   validation loss; {@code null} when not evaluated that epoch
 * @param validationMetric the tracked metric (accuracy, F1, MAE...); {@code null} when not evaluated
 */
public record LearningCurvePoint(int epoch, double trainLoss, Double validationLoss, Double validationMetric) {
}
