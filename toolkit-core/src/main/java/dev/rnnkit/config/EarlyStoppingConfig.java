package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Stops training when a validation metric has not improved for {@code patience} epochs.
 *
 * <p>The watched metric also picks the model kept as {@code model-best.zip}, and a plateau schedule watches it too.
 *
 * @param metric   the validation metric watched; default the task's own (see {@link StoppingMetric#defaultFor})
 * @param patience epochs without improvement before stopping; default 3
 * @param mode     min or max: whether smaller or larger is better; default follows the metric
 * @param minDelta the least change that counts as an improvement; default 0
 * @param enabled  false keeps training to the last epoch (the metric still picks the best model); default true
 */
public record EarlyStoppingConfig(
        @JsonPropertyDescription("Validation metric to watch (it also picks model-best.zip): val_loss, val_accuracy, val_f1, val_token_accuracy, val_mae, val_rmse, val_mase, val_perplexity, val_exact_match or val_bleu; default val_accuracy for classification, val_f1 for tagging, val_exact_match for seq2seq, else val_loss")
        StoppingMetric metric,
        @JsonPropertyDescription("Epochs without improvement before training stops; default 4")
        Integer patience,
        @JsonPropertyDescription("min or max: whether smaller or larger values are better; default follows the metric")
        Mode mode,
        @JsonPropertyDescription("The least change that counts as an improvement; default 0")
        Double minDelta,
        @JsonPropertyDescription("false trains every epoch (the metric still picks model-best.zip); default true")
        Boolean enabled) {

    /** Epochs without improvement before stopping, when the config does not say. */
    public static final int DEFAULT_PATIENCE = 4;

    public EarlyStoppingConfig {
        // metric stays null until the task is known (TrainingConfig.resolved).
        patience = patience == null ? DEFAULT_PATIENCE : patience;
        mode = mode == null && metric != null ? metric.naturalMode() : mode;
        minDelta = minDelta == null ? 0.0 : minDelta;
        enabled = enabled == null ? Boolean.TRUE : enabled;
    }

    /** Enabled early stopping with these settings. */
    public EarlyStoppingConfig(StoppingMetric metric, Integer patience, Mode mode, Double minDelta) {
        this(metric, patience, mode, minDelta, null);
    }

    /** Every setting at its default (the metric follows the task). */
    public static EarlyStoppingConfig defaults() {
        return new EarlyStoppingConfig(null, null, null, null, null);
    }

    /** A copy watching {@code newMetric}, in its natural mode unless a mode was given. */
    public EarlyStoppingConfig withMetric(StoppingMetric newMetric) {
        return new EarlyStoppingConfig(newMetric, patience, mode, minDelta, enabled);
    }

    /** Whether smaller or larger values are better. */
    public enum Mode implements ConfigEnum {
        @JsonProperty("min") MIN,
        @JsonProperty("max") MAX;

        @Override
        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
