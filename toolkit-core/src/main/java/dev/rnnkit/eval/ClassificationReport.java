package dev.rnnkit.eval;

import java.util.List;
import java.util.Locale;

/**
 * Scores of a single-label classifier.
 *
 * @param examples        how many examples were scored
 * @param accuracy        fraction predicted right
 * @param macroF1         unweighted mean F1 over the classes that occur in the gold or predicted labels
 * @param weightedF1      F1 averaged with class support as weight
 * @param logLoss         mean cross-entropy of the true class in nats; {@code null} without probabilities
 * @param perClass        scores of every class, in id order
 * @param confusionMatrix rows actual, columns predicted
 */
public record ClassificationReport(long examples, double accuracy, double macroF1, double weightedF1, Double logLoss,
                                   List<ClassScores> perClass, ConfusionMatrix confusionMatrix) {

    /** Copies the list so the record is immutable. */
    public ClassificationReport {
        perClass = List.copyOf(perClass);
    }

    /** Per-class scores, then the averages, then the confusion matrix. */
    public String toTable() {
        MetricsTable table = MetricsTable.withColumns("class", "precision", "recall", "f1", "support");
        for (ClassScores c : perClass) {
            table.row(c.name(), c.precision(), c.recall(), c.f1(), c.support());
        }
        table.row("macro avg", null, null, macroF1, examples);
        table.row("weighted avg", null, null, weightedF1, examples);
        StringBuilder out = new StringBuilder(table.render());
        out.append(String.format(Locale.ROOT, "accuracy %.4f over %d examples\n", accuracy, examples));
        if (logLoss != null) {
            out.append(String.format(Locale.ROOT, "log loss %.4f nats\n", logLoss));
        }
        out.append('\n').append(confusionMatrix.toTable());
        return out.toString();
    }
}
