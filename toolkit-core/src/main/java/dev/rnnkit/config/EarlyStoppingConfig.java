package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Stops training when a validation metric has not improved for {@code patience} epochs.
 *
 * @param metric   the validation metric watched; default val_loss
 * @param patience epochs without improvement before stopping; default 3
 * @param mode     min or max: whether smaller or larger is better; default follows the metric
 * @param minDelta the least change that counts as an improvement; default 0
 */
public record EarlyStoppingConfig(
        @JsonPropertyDescription("Validation metric to watch: val_loss (default), val_accuracy, val_f1, val_token_accuracy, val_mae, val_rmse, val_mase or val_perplexity")
        StoppingMetric metric,
        @JsonPropertyDescription("Epochs without improvement before training stops; default 3")
        Integer patience,
        @JsonPropertyDescription("min or max: whether smaller or larger values are better; default follows the metric")
        Mode mode,
        @JsonPropertyDescription("The least change that counts as an improvement; default 0")
        Double minDelta) {

    public EarlyStoppingConfig {
        metric = metric == null ? StoppingMetric.VAL_LOSS : metric;
        patience = patience == null ? 3 : patience;
        mode = mode == null ? metric.naturalMode() : mode;
        minDelta = minDelta == null ? 0.0 : minDelta;
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
