package dev.rnnkit.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts of (actual, predicted) class pairs: rows are actual classes, columns predicted classes.
 *
 * @param classNames one name per class id, in id order
 * @param counts     {@code counts.get(actual).get(predicted)}
 */
public record ConfusionMatrix(List<String> classNames, List<List<Long>> counts) {

    /** Copies the lists so the record cannot change under its holder. */
    public ConfusionMatrix {
        int k = classNames.size();
        if (counts.size() != k || counts.stream().anyMatch(r -> r.size() != k)) {
            throw new IllegalArgumentException("confusion matrix must be " + k + " x " + k);
        }
        classNames = List.copyOf(classNames);
        counts = counts.stream().map(List::copyOf).toList();
    }

    /** How many examples of class {@code actual} were predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts.get(actual).get(predicted);
    }

    /** Number of classes. */
    public int size() {
        return classNames.size();
    }

    /** The matrix as text: one row per actual class, one column per predicted class. */
    public String toTable() {
        String[] headers = new String[size() + 1];
        headers[0] = "actual \\ predicted";
        for (int c = 0; c < size(); c++) {
            headers[c + 1] = classNames.get(c);
        }
        MetricsTable table = MetricsTable.withColumns(headers);
        for (int r = 0; r < size(); r++) {
            Object[] cells = new Object[size() + 1];
            cells[0] = classNames.get(r);
            for (int c = 0; c < size(); c++) {
                cells[c + 1] = counts.get(r).get(c);
            }
            table.row(cells);
        }
        return table.render();
    }
}
