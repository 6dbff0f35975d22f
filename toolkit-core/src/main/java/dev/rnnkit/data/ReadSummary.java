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
 * @param repairs          values read by a repair rule instead of being rejected, per file, in first-seen order
 */
public record ReadSummary(long rowsRead, Map<String, Long> skippedByReason, List<String> firstSkipped,
                          long trainExamples, long validationExamples, long testExamples, List<String> notes,
                          List<Repairs> repairs) {

    public ReadSummary {
        skippedByReason = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(skippedByReason));
        firstSkipped = List.copyOf(firstSkipped);
        notes = List.copyOf(notes);
        repairs = List.copyOf(repairs);
    }

    /**
     * What one repair rule set changed in one file, e.g. the tags of {@code train.txt} read under
     * {@code data.tagging.tag_errors: repair}.
     *
     * @param file      the file as named in the config
     * @param what      what is counted, e.g. {@code tags repaired}
     * @param byRule    repairs by rule, in first-seen order
     * @param firstLine the 1-based line of the first repair
     * @param remedy    how to have such values rejected instead
     */
    public record Repairs(String file, String what, Map<String, Long> byRule, long firstLine, String remedy) {

        public Repairs {
            byRule = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byRule));
        }

        /** Repairs of every rule. */
        public long count() {
            return byRule.values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * One line, e.g. {@code train.txt: tags repaired: 7 (I-X without an open X entity read as its start; first at
         * line 12; data.tagging.tag_errors: strict rejects them)}; with several rules each has its count.
         */
        @Override
        public String toString() {
            String rules = byRule.size() == 1 ? byRule.keySet().iterator().next()
                    : byRule.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
            return file + ": " + what + ": " + count() + " (" + rules + "; first at line " + firstLine + "; " + remedy + ")";
        }
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
        for (Repairs r : repairs) {
            sb.append('\n').append(r);
        }
        for (String n : notes) {
            sb.append('\n').append(n);
        }
        return sb.toString();
    }
}
