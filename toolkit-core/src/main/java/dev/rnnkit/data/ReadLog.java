package dev.rnnkit.data;

import dev.rnnkit.config.DataConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code data.on_error} to malformed rows while counting what was read.
 *
 * <p>Under {@code fail} the first bad row throws a {@link DataFormatException}; under {@code skip} it is
 * counted by reason so that nothing is dropped silently.
 */
public final class ReadLog {

    private static final int KEEP_EXAMPLES = 5;

    private final DataConfig.OnError policy;
    private long rowsRead;
    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private final List<String> firstSkipped = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

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

    /** Adds a printable fact to the summary. */
    public void note(String note) {
        notes.add(note);
    }

    /** The summary so far, with the example counts of each split. */
    public ReadSummary summary(long train, long validation, long test) {
        return new ReadSummary(rowsRead, skipped, firstSkipped, train, validation, test, notes);
    }
}
