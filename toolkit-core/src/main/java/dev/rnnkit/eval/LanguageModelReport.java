package dev.rnnkit.eval;

import java.util.Locale;

/**
 * A language model's cross-entropy next to a unigram baseline on the same tokens.
 *
 * @param model   the model's scores over the masked (real) positions
 * @param unigram add-one-smoothed training unigram distribution on the same tokens; {@code null} if not computed
 */
public record LanguageModelReport(CrossEntropyScores model, CrossEntropyScores unigram) {

    /** One row per scorer. */
    public String toTable() {
        MetricsTable table = MetricsTable.withColumns("scorer", "nats_per_token", "perplexity", "bits_per_token", "tokens");
        addRow(table, "model", model);
        if (unigram != null) {
            addRow(table, "unigram", unigram);
        }
        return table.render();
    }

    /** The one-line comparison, e.g. {@code model 1.4500 nats/token vs unigram 3.1000}. */
    public String summary() {
        String line = String.format(Locale.ROOT, "model %.4f nats/token (perplexity %.4f, %.4f bits/token)",
                model.nats(), model.perplexity(), model.bitsPerToken());
        return unigram == null ? line : line + String.format(Locale.ROOT, " vs unigram %.4f", unigram.nats());
    }

    private static void addRow(MetricsTable table, String name, CrossEntropyScores s) {
        table.row(name, s.nats(), s.perplexity(), s.bitsPerToken(), s.tokens());
    }
}
