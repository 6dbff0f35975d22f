package dev.rnnkit.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * Entity-level scores of a sequence tagger plus its token accuracy.
 *
 * @param scheme        tag scheme the spans were read with
 * @param tokens        tokens scored
 * @param correctTokens tokens whose whole tag matched
 * @param tokenAccuracy correctTokens / tokens
 * @param micro         scores over all entity chunks of every type (name {@code micro avg})
 * @param perType       scores per entity type, sorted by type name
 */
public record TaggingReport(TagScheme scheme, long tokens, long correctTokens, double tokenAccuracy,
                           ClassScores micro, List<ClassScores> perType) {

    /** Copies the list so the record is immutable. */
    public TaggingReport {
        perType = List.copyOf(perType);
    }

    /** Per-type rows then the micro average, with fractions in [0, 1]. */
    public String toTable() {
        MetricsTable table = MetricsTable.withColumns("entity", "precision", "recall", "f1", "support", "predicted", "correct");
        for (ClassScores s : perType) {
            addRow(table, s);
        }
        addRow(table, micro);
        return table.render() + String.format(Locale.ROOT, "token accuracy %.4f over %d tokens\n", tokenAccuracy, tokens);
    }

    private static void addRow(MetricsTable table, ClassScores s) {
        table.row(s.name(), s.precision(), s.recall(), s.f1(), s.support(), s.predicted(), s.correct());
    }

    /**
     * The summary exactly as the conlleval script prints it: percentages with two decimals, one line per
     * type with the number of predicted chunks of that type.
     */
    public String toConllevalText() {
        StringBuilder out = new StringBuilder();
        out.append("processed ").append(tokens).append(" tokens with ").append(micro.support())
                .append(" phrases; found: ").append(micro.predicted()).append(" phrases; correct: ")
                .append(micro.correct()).append(".\n");
        if (tokens > 0) {
            out.append("accuracy: ").append(fixed(100.0 * correctTokens / tokens)).append("%; ").append(scoresText(micro)).append('\n');
        }
        for (ClassScores s : perType) {
            out.append(String.format(Locale.ROOT, "%17s: ", s.name())).append(scoresText(s))
                    .append("  ").append(s.predicted()).append('\n');
        }
        return out.toString();
    }

    private static String scoresText(ClassScores s) {
        // Same arithmetic as the script (percentages first, F1 from them), so the last digit agrees.
        double p = s.predicted() > 0 ? 100.0 * s.correct() / s.predicted() : 0;
        double r = s.support() > 0 ? 100.0 * s.correct() / s.support() : 0;
        double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
        return "precision: " + fixed(p) + "%; recall: " + fixed(r) + "%; FB1: " + fixed(f);
    }

    /** Perl's {@code %6.2f}: rounds the exact binary value half-even, as C's printf does. */
    static String fixed(double value) {
        String digits = new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
        return " ".repeat(Math.max(0, 6 - digits.length())) + digits;
    }
}
