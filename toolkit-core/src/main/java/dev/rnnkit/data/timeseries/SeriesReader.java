package dev.rnnkit.data.timeseries;

import dev.rnnkit.config.TimeSeriesDataConfig;
import dev.rnnkit.data.DataFormatException;
import dev.rnnkit.data.DelimitedLine;
import dev.rnnkit.data.ReadLog;
import dev.rnnkit.data.SourceLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses a headed CSV into {@link SeriesRow}s: numeric targets and covariates, categories, timestamps.
 *
 * <p>Cells listed in {@code missing_values} are missing; {@code missing: fail} rejects them, {@code ffill}
 * carries the previous value forward, {@code drop} keeps them as gaps that windows avoid. Timestamps that read as
 * dates ({@link Timestamps}) must increase; steps missing from the series' interval are an error, inserted as missing
 * values or accepted, per {@code gaps}.
 */
public final class SeriesReader {

    /** The largest magnitude read: squares (variances, squared errors) of larger values overflow a double. */
    static final double MAX_MAGNITUDE = 1e150;

    private SeriesReader() {
    }

    /** The rows of one file, in file order. */
    public static List<SeriesRow> read(Path file, String name, TimeSeriesDataConfig s, ReadLog log) {
        // Read a line at a time: the rows keep only their parsed values, never the file's text.
        try (java.util.stream.Stream<SourceLines.Line> source = SourceLines.stream(file, name, log)) {
            return read(source.iterator(), name, s, log);
        }
    }

    private static List<SeriesRow> read(java.util.Iterator<SourceLines.Line> lines, String name, TimeSeriesDataConfig s, ReadLog log) {
        if (!lines.hasNext()) {
            throw new DataFormatException(name, 0, "the file is empty; expected a header line");
        }
        char delimiter = DelimitedLine.charOf(s.delimiter());
        SourceLines.Line headerLine = lines.next();
        List<String> header = DelimitedLine.split(headerLine.text(), delimiter, '"');
        if (header == null) {
            throw new DataFormatException(name, headerLine.number(), "unclosed quote in the header");
        }
        int[] timestampCols = columns(header, s.timestampColumns(), name, "timestamp_columns");
        List<String> numericNames = new ArrayList<>(s.targetColumns());
        numericNames.addAll(s.covariateColumns());
        int[] numericCols = columns(header, s.targetColumns(), name, "target_columns");
        int[] covariateCols = columns(header, s.covariateColumns(), name, "covariate_columns");
        numericCols = concat(numericCols, covariateCols);
        int[] categoricalCols = columns(header, s.categoricalColumns(), name, "categorical_columns");
        Set<String> missing = Set.copyOf(s.missingValues());

        List<SeriesRow> rows = new ArrayList<>();
        rows:
        while (lines.hasNext()) {
            SourceLines.Line line = lines.next();
            if (line.text().isEmpty()) {
                continue;
            }
            log.rowRead();
            List<String> f = DelimitedLine.split(line.text(), delimiter, '"');
            if (f == null) {
                log.reject(name, line.number(), "unclosed quote", "unclosed quote");
                continue;
            }
            if (f.size() != header.size()) {
                log.reject(name, line.number(), "wrong column count", "expected " + header.size() + " columns, got " + f.size());
                continue;
            }
            double[] numbers = new double[numericCols.length];
            for (int j = 0; j < numericCols.length; j++) {
                String cell = f.get(numericCols[j]).strip();
                String col = numericNames.get(j);
                if (missing.contains(cell)) {
                    if (!missingAllowed(s, name, line.number(), col, cell, log)) {
                        continue rows;
                    }
                    numbers[j] = Double.NaN;
                    continue;
                }
                double v;
                try {
                    v = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    log.reject(name, line.number(), "non-numeric value", "column '" + col + "': '" + dev.rnnkit.config.Shown.of(cell)
                            + "' is not a number");
                    continue rows;
                }
                if (!Double.isFinite(v)) {
                    log.reject(name, line.number(), "non-finite value", "column '" + col + "': non-finite value '"
                            + dev.rnnkit.config.Shown.of(cell) + "'");
                    continue rows;
                }
                if (Math.abs(v) > MAX_MAGNITUDE) {
                    // Squares of such values overflow: the scaler's deviation and every baseline would be Infinity or NaN.
                    log.reject(name, line.number(), "value too large", "column '" + col + "': " + dev.rnnkit.config.Shown.of(cell)
                            + " is beyond +-1e150, where squared errors overflow; rescale the column");
                    continue rows;
                }
                numbers[j] = v;
            }
            String[] categories = new String[categoricalCols.length];
            for (int j = 0; j < categoricalCols.length; j++) {
                String cell = f.get(categoricalCols[j]).strip();
                if (missing.contains(cell)) {
                    if (!missingAllowed(s, name, line.number(), s.categoricalColumns().get(j), cell, log)) {
                        continue rows;
                    }
                } else {
                    categories[j] = cell;
                }
            }
            rows.add(new SeriesRow(line.number(), timestamp(f, timestampCols), numbers, categories));
        }
        rows = s.timestampColumns().isEmpty() ? rows : checkTimes(rows, name, s, log);
        return s.missing() == TimeSeriesDataConfig.Missing.FFILL ? forwardFill(rows) : rows;
    }

    /**
     * Rejects timestamps out of order or repeated, and applies {@code gaps} to steps missing from the series' interval.
     * Timestamps that do not all read as dates (e.g. t1, t2) are not checked.
     */
    private static List<SeriesRow> checkTimes(List<SeriesRow> rows, String name, TimeSeriesDataConfig s, ReadLog log) {
        Timestamps times = Timestamps.parse(rows.stream().map(SeriesRow::timestamp).toList());
        if (times == null) {
            return rows;
        }
        for (int i = 1; i < rows.size(); i++) {
            if (!times.time(i).isAfter(times.time(i - 1))) {
                throw new DataFormatException(name, rows.get(i).line(), "timestamp '" + times.text(i) + "' is not after '"
                        + times.text(i - 1) + "' on line " + rows.get(i - 1).line() + "; rows must be in time order, each step once");
            }
        }
        Timestamps.Interval interval = times.interval();
        if (interval == null || s.gaps() == TimeSeriesDataConfig.Gaps.IGNORE) {
            return rows;
        }
        List<SeriesRow> out = new ArrayList<>(rows.size());
        out.add(rows.get(0));
        for (int i = 1; i < rows.size(); i++) {
            SeriesRow row = rows.get(i);
            long missing = interval.missingBetween(times.time(i - 1), times.time(i));
            if (missing > 0 && s.gaps() == TimeSeriesDataConfig.Gaps.FAIL) {
                throw new DataFormatException(name, row.line(), gap(missing, times, i) + " (the series' interval is " + interval
                        + ")" + skippedBetween(rows.get(i - 1), row) + "; set data.time_series.gaps: fill (insert them as missing values) "
                        + "or gaps: ignore");
            }
            if (missing > 0 && s.missing() == TimeSeriesDataConfig.Missing.FAIL) {
                // As a missing cell under missing: fail: rejected, which on_error: skip counts (the gap then stays).
                log.reject(name, row.line(), "missing value", gap(missing, times, i) + " would be inserted as missing values "
                        + "(data.time_series.gaps: fill), which missing: fail rejects; set data.time_series.missing to ffill or drop");
            } else if (missing > rows.size()) {
                // Likely a mistyped timestamp; inserting it could exhaust memory, and a mostly filled series is no use.
                throw new DataFormatException(name, row.line(), gap(missing, times, i) + " (the series' interval is " + interval
                        + "): more steps than the file's " + rows.size() + " rows; check the timestamps");
            } else if (missing > 0) {
                // The inserted steps carry the line of the row after the gap: messages about them point there.
                double[] none = new double[row.numbers().length];
                java.util.Arrays.fill(none, Double.NaN);
                for (long k = 1; k <= missing; k++) {
                    String text = times.format(interval.plus(times.time(i - 1), k), i - 1);
                    out.add(new SeriesRow(row.line(), text, none.clone(), new String[row.categories().length]));
                }
            }
            out.add(row);
        }
        return out;
    }

    private static String gap(long missing, Timestamps times, int i) {
        return missing + (missing == 1 ? " step" : " steps") + " missing between " + times.text(i - 1) + " and " + times.text(i);
    }

    /** Names the lines between two kept rows (blank, or rejected under on_error: skip): a gap may come from them. */
    private static String skippedBetween(SeriesRow before, SeriesRow after) {
        long first = before.line() + 1;
        long last = after.line() - 1;
        return last < first ? "" : last == first ? "; line " + first + " between them was not read"
                : "; lines " + first + "-" + last + " between them were not read";
    }

    private static boolean missingAllowed(TimeSeriesDataConfig s, String name, long line, String col, String cell, ReadLog log) {
        if (s.missing() == TimeSeriesDataConfig.Missing.FAIL) {
            log.reject(name, line, "missing value", "column '" + col + "': missing value '" + cell
                    + "' (set data.time_series.missing to drop or ffill to accept gaps)");
            return false;
        }
        return true;
    }

    /** Carries each column's last seen value into later gaps; leading gaps stay missing. */
    private static List<SeriesRow> forwardFill(List<SeriesRow> rows) {
        List<SeriesRow> out = new ArrayList<>(rows.size());
        SeriesRow prev = null;
        for (SeriesRow r : rows) {
            double[] n = r.numbers().clone();
            String[] c = r.categories().clone();
            if (prev != null) {
                for (int j = 0; j < n.length; j++) {
                    n[j] = Double.isNaN(n[j]) ? prev.numbers()[j] : n[j];
                }
                for (int j = 0; j < c.length; j++) {
                    c[j] = c[j] == null ? prev.categories()[j] : c[j];
                }
            }
            prev = new SeriesRow(r.line(), r.timestamp(), n, c);
            out.add(prev);
        }
        return out;
    }

    private static String timestamp(List<String> fields, int[] cols) {
        if (cols.length == 0) {
            return null;
        }
        if (cols.length == 1) {
            return fields.get(cols[0]).strip();
        }
        StringBuilder sb = new StringBuilder();
        for (int c : cols) {
            String part = fields.get(c).strip();
            if (!sb.isEmpty()) {
                sb.append('-');
            }
            // Zero-pad numbers so that composed timestamps sort as text (2010-01-02-03).
            sb.append(part.matches("\\d") ? "0" + part : part);
        }
        return sb.toString();
    }

    private static int[] columns(List<String> header, List<String> names, String file, String key) {
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = header.indexOf(names.get(i));
            if (out[i] < 0) {
                throw new DataFormatException(file, 1, "no column '" + names.get(i) + "' (data.time_series." + key
                        + ") in the header; columns are " + String.join(", ", header));
            }
        }
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
