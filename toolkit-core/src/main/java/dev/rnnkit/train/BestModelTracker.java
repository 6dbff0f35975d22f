package dev.rnnkit.train;

import dev.rnnkit.config.EarlyStoppingConfig;
import dev.rnnkit.config.StoppingMetric;
import java.util.Map;

/**
 * Decides after each epoch whether the watched validation metric improved and whether to stop early.
 *
 * <p>With early stopping turned off ({@code enabled: false}) its metric still picks the best model; without an
 * early-stopping section that is the validation loss; without validation data every epoch counts as the best so far.
 */
final class BestModelTracker {

    private final EarlyStoppingConfig earlyStopping;
    private final StoppingMetric metric;
    private final boolean minimize;
    private final double minDelta;

    BestModelTracker(EarlyStoppingConfig earlyStopping) {
        this.earlyStopping = earlyStopping;
        this.metric = earlyStopping == null ? StoppingMetric.VAL_LOSS : earlyStopping.metric();
        this.minimize = earlyStopping == null || earlyStopping.mode() == EarlyStoppingConfig.Mode.MIN;
        this.minDelta = earlyStopping == null ? 0 : earlyStopping.minDelta();
    }

    /** The metric's key in the validation metrics. */
    String metricKey() {
        return metric.key();
    }

    /** The state after an epoch with these validation metrics (empty without validation data). */
    TrainingState update(TrainingState state, int epoch, Map<String, Double> validation) {
        if (validation.isEmpty()) {
            return state.withBest(null, epoch, 0);
        }
        Double value = validation.get(metric.key());
        Double best = state.bestValue();
        boolean improved = value != null && (best == null || (minimize ? value < best - minDelta : value > best + minDelta));
        return improved ? state.withBest(value, epoch, 0) : state.withBest(best, state.bestEpoch(), state.epochsWithoutImprovement() + 1);
    }

    /** Whether patience has run out. */
    boolean shouldStop(TrainingState state) {
        return earlyStopping != null && earlyStopping.enabled() && state.epochsWithoutImprovement() >= earlyStopping.patience();
    }
}
