package dev.rnnkit.sweep;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.rnnkit.runs.Goal;
import dev.rnnkit.runs.MetricSplit;

/**
 * The score that ranks a sweep's trials.
 *
 * @param name  a metric the runs log, e.g. {@code loss}, {@code mae}, {@code accuracy}, {@code entity_f1}
 * @param split validation (default: choose settings on validation data) or test
 * @param goal  minimize or maximize; default from the metric (errors and losses down, the rest up)
 */
public record MetricSpec(
        @JsonPropertyDescription("A metric the runs log (a key of metrics.jsonl), e.g. loss, mae, accuracy, entity_f1")
        String name,
        @JsonPropertyDescription("validation: the value at each run's best epoch (default; choose settings on validation data); test: the final evaluation")
        MetricSplit split,
        @JsonPropertyDescription("minimize or maximize; default: minimize losses and errors (loss, mae, rmse, mape, mase, perplexity), maximize the rest")
        Goal goal) {

    public MetricSpec {
        split = split == null ? MetricSplit.VALIDATION : split;
        goal = goal == null && name != null ? Goal.defaultFor(name) : goal;
    }
}
