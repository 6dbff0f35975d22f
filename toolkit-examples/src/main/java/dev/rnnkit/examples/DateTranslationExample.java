package dev.rnnkit.examples;

/**
 * Many-to-many unaligned (sequence to sequence): dates written by humans ("tuesday 3 mar 1987") rewritten as
 * ISO 8601 by an LSTM encoder, a repeat vector and an LSTM decoder; scored by exact match. The data is
 * self-made: the first run writes it under {@code generated/dates/} in the data directory.
 */
public final class DateTranslationExample {

    private DateTranslationExample() {
    }

    public static void main(String[] args) throws Exception {
        Examples.train("configs/dates-seq2seq.yaml", args);
    }
}
