package dev.rnnkit.data;

import dev.rnnkit.config.DataConfig;
import dev.rnnkit.config.Truncation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Applies {@code data.on_error} to malformed rows while counting what was read.
 *
 * <p>Under {@code fail} the first bad row throws a {@link DataFormatException}; under {@code skip} it is
 * counted by reason so that nothing is dropped silently. Values a pipeline repairs instead of rejecting
 * (tags under {@code data.tagging.tag_errors: repair}) are counted here too, per file and rule.
 */
public final class ReadLog {

    private static final int KEEP_EXAMPLES = 5;

    private final DataConfig.OnError policy;
    private long rowsRead;
    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private final List<String> firstSkipped = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** Repairs by file and what, each with its counts by rule, first line and remedy. */
    private final Map<List<String>, RepairTally> repairs = new LinkedHashMap<>();

    public ReadLog(DataConfig.OnError policy) {
        this.policy = policy;
    }

    /** Counts one data row read (good or bad). */
    public void rowRead() {
        rowsRead++;
    }

    /**
     * Rejects a row: throws under {@code fail}, counts it under {@code skip}.
     *
     * @param kind    the reason's category used for counting, e.g. "wrong column count"
     * @param message the full reason, e.g. "expected 2 columns, got 3"
     */
    public void reject(String file, long line, String kind, String message) {
        DataFormatException e = new DataFormatException(file, line, message);
        if (policy == DataConfig.OnError.FAIL) {
            throw e;
        }
        skipped.merge(kind, 1L, Long::sum);
        if (firstSkipped.size() < KEEP_EXAMPLES) {
            firstSkipped.add(e.getMessage());
        }
    }

    /**
     * Counts one value read by a repair rule instead of being rejected; the summary shows one line per file and
     * {@code what}, e.g. {@code train.txt: tags repaired: 7 (I-X without an open X entity read as its start; first at
     * line 12; data.tagging.tag_errors: strict rejects them)}.
     *
     * @param what   what is counted, e.g. "tags repaired"
     * @param rule   how the value was read, e.g. "I-X without an open X entity read as its start"
     * @param remedy how to have such values rejected instead, e.g. "data.tagging.tag_errors: strict rejects them"
     */
    public void repaired(String file, long line, String what, String rule, String remedy) {
        repairs.computeIfAbsent(List.of(file, what), k -> new RepairTally(line, remedy)).byRule.merge(rule, 1L, Long::sum);
    }

    private record RepairTally(long firstLine, String remedy, Map<String, Long> byRule) {
        RepairTally(long firstLine, String remedy) {
            this(firstLine, remedy, new LinkedHashMap<>());
        }
    }

    /** Adds a printable fact to the summary. */
    public void note(String note) {
        notes.add(note);
    }

    /**
     * Notes how many examples of each split lost tokens to {@code max_length}, e.g.
     * {@code truncated to 64 tokens (head): 312 of 67,349 training examples, 5 of 872 validation}.
     */
    public <E> void noteTruncated(int maxLength, Truncation side, Splits<E> examples, Predicate<E> truncated) {
        if (countOf(examples.train(), truncated) + countOf(examples.validation(), truncated) + countOf(examples.test(), truncated) == 0) {
            return; // the limit cut nothing (always so under the default for short texts): nothing to report
        }
        StringBuilder sb = new StringBuilder("truncated to " + maxLength + " tokens (" + side.yamlName() + "): ");
        sb.append(shown(examples.train(), truncated)).append(" training examples");
        if (examples.validation() != null) {
            sb.append(", ").append(shown(examples.validation(), truncated)).append(" validation");
        }
        if (examples.test() != null) {
            sb.append(", ").append(shown(examples.test(), truncated)).append(" test");
        }
        note(sb.toString());
    }

    private static <E> long countOf(List<E> part, Predicate<E> truncated) {
        return part == null ? 0 : part.stream().filter(truncated).count();
    }

    private static <E> String shown(List<E> part, Predicate<E> truncated) {
        return String.format(Locale.ROOT, "%,d of %,d", countOf(part, truncated), part.size());
    }

    /** The summary so far, with the example counts of each split. */
    public ReadSummary summary(long train, long validation, long test) {
        return new ReadSummary(rowsRead, skipped, firstSkipped, train, validation, test, notes,
                repairs.entrySet().stream().map(e -> new ReadSummary.Repairs(e.getKey().get(0), e.getKey().get(1),
                        e.getValue().byRule(), e.getValue().firstLine(), e.getValue().remedy())).toList());
    }
}
