package dev.rnnkit.data;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What reading the data did: rows read, rows skipped by reason, examples per split, and notes.
 *
 * @param rowsRead         data rows (lines, sentences or files' lines) read from every file
 * @param skippedByReason  rows skipped under {@code on_error: skip}, by reason, in first-seen order
 * @param firstSkipped     the first few skipped rows as {@code file:line: reason}
 * @param trainExamples    examples (rows, sentences, windows or sequences) in the training split
 * @param validationExamples examples in the validation split; 0 when there is none
 * @param testExamples     examples in the test split; 0 when there is none
 * @param notes            other facts worth printing (vocabulary size, windows dropped for missing values)
 */
public record ReadSummary(long rowsRead, Map<String, Long> skippedByReason, List<String> firstSkipped,
                          long trainExamples, long validationExamples, long testExamples, List<String> notes) {

    public ReadSummary {
        skippedByReason = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(skippedByReason));
        firstSkipped = List.copyOf(firstSkipped);
        notes = List.copyOf(notes);
    }

    /** Rows skipped for any reason. */
    public long skipped() {
        return skippedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A few printable lines, e.g. {@code read 100 rows, skipped 2 (empty text: 2)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("read " + rowsRead + " rows, skipped " + skipped());
        if (!skippedByReason.isEmpty()) {
            sb.append(skippedByReason.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", ", " (", ")")));
        }
        sb.append("\nexamples: train ").append(trainExamples).append(", validation ").append(validationExamples)
                .append(", test ").append(testExamples);
        for (String s : firstSkipped) {
            sb.append("\nskipped ").append(s);
        }
        for (String n : notes) {
            sb.append('\n').append(n);
        }
        return sb.toString();
    }
}
