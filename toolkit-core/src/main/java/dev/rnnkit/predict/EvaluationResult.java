package dev.rnnkit.predict;

import dev.rnnkit.eval.ConfusionMatrix;
import dev.rnnkit.eval.plot.ForecastSeries;
import java.util.List;
import java.util.Map;

/**
 * A model's scores on one data split: flat metrics, the full report, a readable table and plot data.
 *
 * @param task           the task name (classification, tagging, forecast, regression, generation)
 * @param metrics        flat metrics by name, {@code loss} first (e.g. accuracy, f1, mae, perplexity); a metric
 *                       that is undefined is absent
 * @param report         the task's report record (written as JSON)
 * @param table          the report as a text table
 * @param confusion      the confusion matrix of a classifier, else null
 * @param forecastSeries forecasts at the first and last horizon step against actual values and baselines, per target; else empty
 * @param translations   an attention seq2seq model's first few translations with their attention weights (for heat maps); else empty
 */
public record EvaluationResult(String task, Map<String, Double> metrics, Object report, String table,
                               ConfusionMatrix confusion, List<ForecastSeries> forecastSeries,
                               List<Translator.Translation> translations) {

    public EvaluationResult {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        forecastSeries = forecastSeries == null ? List.of() : List.copyOf(forecastSeries);
        translations = translations == null ? List.of() : List.copyOf(translations);
    }

    /** A result without translations. */
    public EvaluationResult(String task, Map<String, Double> metrics, Object report, String table,
                            ConfusionMatrix confusion, List<ForecastSeries> forecastSeries) {
        this(task, metrics, report, table, confusion, forecastSeries, null);
    }

    /** The metrics with {@code loss} first, then the task's own. */
    static Map<String, Double> metrics(double loss, Object... namesAndValues) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("loss", loss);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                m.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).doubleValue());
            }
        }
        return m;
    }
}
