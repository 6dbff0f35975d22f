package dev.rnnkit.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A fixed-width text table: text columns left-aligned, number columns right-aligned.
 *
 * <p>Cells are formatted by type: {@code Double} with four decimals, whole numbers as they are,
 * {@code null} as {@code -}, anything else by {@code toString()}.
 */
public final class MetricsTable {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    /** Columns holding any non-numeric cell; their cells and header align left. */
    private final boolean[] textual;

    private MetricsTable(List<String> headers) {
        this.headers = headers;
        this.textual = new boolean[headers.size()];
    }

    /** A table with these column headers. */
    public static MetricsTable withColumns(String... headers) {
        if (headers.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        return new MetricsTable(List.of(headers));
    }

    /** Adds a row; it must have one cell per column. */
    public MetricsTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size() + " columns");
        }
        for (int c = 0; c < cells.length; c++) {
            textual[c] |= cells[c] != null && !(cells[c] instanceof Number);
        }
        rows.add(Arrays.stream(cells).map(MetricsTable::format).toList());
        return this;
    }

    /** The formatted text of one cell value. */
    public static String format(Object cell) {
        if (cell == null) {
            return "-";
        }
        if (cell instanceof Double || cell instanceof Float) {
            double v = ((Number) cell).doubleValue();
            return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : String.valueOf(v);
        }
        return cell.toString();
    }

    /** The table: header, a rule of dashes, then the rows; lines end with a newline. */
    public String render() {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headers.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, headers, width, textual);
        int total = Arrays.stream(width).sum() + 2 * (width.length - 1);
        out.append("-".repeat(total)).append('\n');
        for (List<String> row : rows) {
            appendLine(out, row, width, textual);
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] width, boolean[] leftAligned) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            line.append(leftAligned[c] ? cell + pad : pad + cell);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    @Override
    public String toString() {
        return render();
    }
}
