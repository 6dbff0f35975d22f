package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * A validation metric that early stopping and best-model selection can watch.
 *
 * <p>{@link #key()} is the metric's name in {@code metrics.jsonl} without the {@code val_} prefix.
 */
public enum StoppingMetric implements ConfigEnum {
    /** Validation loss (every task). */
    @JsonProperty("val_loss") VAL_LOSS(EarlyStoppingConfig.Mode.MIN),
    /** Accuracy (classification). */
    @JsonProperty("val_accuracy") VAL_ACCURACY(EarlyStoppingConfig.Mode.MAX),
    /** Macro F1 (classification) or entity micro F1 (tagging). */
    @JsonProperty("val_f1") VAL_F1(EarlyStoppingConfig.Mode.MAX),
    /** Token accuracy (tagging). */
    @JsonProperty("val_token_accuracy") VAL_TOKEN_ACCURACY(EarlyStoppingConfig.Mode.MAX),
    /** Mean absolute error in original units (regression, forecasting). */
    @JsonProperty("val_mae") VAL_MAE(EarlyStoppingConfig.Mode.MIN),
    /** Root mean squared error in original units (regression, forecasting). */
    @JsonProperty("val_rmse") VAL_RMSE(EarlyStoppingConfig.Mode.MIN),
    /** Mean absolute scaled error (forecasting). */
    @JsonProperty("val_mase") VAL_MASE(EarlyStoppingConfig.Mode.MIN),
    /** Perplexity (generation). */
    @JsonProperty("val_perplexity") VAL_PERPLEXITY(EarlyStoppingConfig.Mode.MIN),
    /** Share of output sequences decoded exactly right (seq2seq). */
    @JsonProperty("val_exact_match") VAL_EXACT_MATCH(EarlyStoppingConfig.Mode.MAX),
    /** Corpus BLEU as sacreBLEU computes it, 0-100, against the raw target text (seq2seq). */
    @JsonProperty("val_bleu") VAL_BLEU(EarlyStoppingConfig.Mode.MAX);

    private final EarlyStoppingConfig.Mode naturalMode;

    StoppingMetric(EarlyStoppingConfig.Mode naturalMode) {
        this.naturalMode = naturalMode;
    }

    /**
     * The metric a task is judged by: accuracy for classification, entity F1 for tagging, exact match for seq2seq,
     * the loss otherwise (forecasts and regressions: mean squared error on the normalised scale; generation:
     * cross-entropy). A loss that keeps falling by ever smaller amounts would never stop a seq2seq run whose
     * outputs are already all right.
     */
    public static StoppingMetric defaultFor(OutputType output) {
        if (output == null) {
            return VAL_LOSS;
        }
        return switch (output) {
            case CLASSIFICATION -> VAL_ACCURACY;
            case TAGGING -> VAL_F1;
            case SEQ2SEQ -> VAL_EXACT_MATCH;
            default -> VAL_LOSS;
        };
    }

    /** Whether smaller or larger values of this metric are better. */
    public EarlyStoppingConfig.Mode naturalMode() {
        return naturalMode;
    }

    /** The metric's name without the {@code val_} prefix, e.g. {@code accuracy}. */
    public String key() {
        return yamlName().substring("val_".length());
    }

    @Override
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
