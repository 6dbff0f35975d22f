package dev.rnnkit.examples;

import dev.rnnkit.catalog.DataDirectory;
import dev.rnnkit.data.seq2seq.SyntheticPairs;

/**
 * Many-to-many unaligned (sequence to sequence): dates written by humans ("tuesday 3 mar 1987") rewritten as
 * ISO 8601 by an LSTM encoder, a repeat vector and an LSTM decoder; scored by exact match. The example makes
 * its own data.
 */
public final class DateTranslationExample {

    private DateTranslationExample() {
    }

    public static void main(String[] args) throws Exception {
        SyntheticPairs.write(SyntheticPairs.Task.DATES, DataDirectory.locate(null, null).root().resolve("generated/dates"),
                8000, 1000, 1000, 42);
        Examples.train("configs/dates-seq2seq.yaml", args);
    }
}
