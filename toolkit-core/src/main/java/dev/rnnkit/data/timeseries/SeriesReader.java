package dev.rnnkit.data.timeseries;

import dev.rnnkit.config.TimeSeriesDataConfig;
import dev.rnnkit.data.DataFormatException;
import dev.rnnkit.data.DelimitedLine;
import dev.rnnkit.data.ReadLog;
import dev.rnnkit.data.SourceLines;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Parses a headed CSV into {@link SeriesRow}s: numeric targets and covariates, categories, timestamps.
 *
 * <p>Cells listed in {@code missing_values} are missing; {@code missing: fail} rejects them, {@code ffill}
 * carries the previous value forward, {@code drop} keeps them as gaps that windows avoid. Timestamps that read as
 * dates ({@link Timestamps}) must increase; steps missing from the series' interval are an error, inserted as missing
 * values or accepted, per {@code gaps}.
 *
 * <p>{@link #rows} gives the rows one at a time, holding no more than the row after a filled gap; {@link #read}
 * collects them (for training, which fits on the whole split).
 */
public final class SeriesReader {

    /** The largest magnitude read: squares (variances, squared errors) of larger values overflow a double. */
    static final double MAX_MAGNITUDE = 1e150;

    private SeriesReader() {
    }

    /** The rows of one file, in file order: every row of {@link #rows}, collected. */
    public static List<SeriesRow> read(Path file, String name, TimeSeriesDataConfig s, ReadLog log) {
        try (Rows rows = rows(file, name, s, log)) {
            List<SeriesRow> out = new ArrayList<>();
            rows.forEachRemaining(out::add);
            return out;
        }
    }

    /**
     * The rows of one file, in file order, read a line at a time as they are asked for; close it when done.
     *
     * <p>With timestamp columns the file is read twice: first to check every row and learn whether all timestamps are
     * dates, whether they increase and the series' interval (all of which need the whole file), then to give the rows
     * with the steps {@code gaps: fill} inserts. The first reading throws, or logs, every malformed row, as reading
     * the whole file into memory did, before any gap is handled.
     */
    public static Rows rows(Path file, String name, TimeSeriesDataConfig s, ReadLog log) {
        return rows(file, name, s, log, scan(file, name, s, log));
    }

    /**
     * The first reading of a file with timestamp columns (see {@link #rows}): every row checked through {@code log};
     * null without timestamp columns, where there is nothing to learn first.
     */
    public static Scan scan(Path file, String name, TimeSeriesDataConfig s, ReadLog log) {
        if (s.timestampColumns().isEmpty()) {
            return null;
        }
        try (Stream<SourceLines.Line> source = SourceLines.stream(file, name, log)) {
            Iterator<SourceLines.Line> lines = source.iterator();
            return Scan.of(Parser.open(lines, name, s), lines, name, log);
        }
    }

    /**
     * The rows of a file already scanned (a scan can serve every later reading of an unchanged file). When a gap would
     * throw or be rejected, the file is first read through once more, so that gaps are handled before anything is
     * done with the rows (an unknown category, say), as when the file was read whole.
     */
    public static Rows rows(Path file, String name, TimeSeriesDataConfig s, ReadLog log, Scan scan) {
        if (scan == null) {
            return new Rows(file, name, s, log, log, null, 0);
        }
        Timestamps.Interval interval = scan.dates() && s.gaps() != TimeSeriesDataConfig.Gaps.IGNORE ? scan.interval() : null;
        // Malformed rows were counted (or thrown) by the scan: later readings meet them again, quietly.
        ReadLog quiet = new ReadLog(dev.rnnkit.config.DataConfig.OnError.SKIP);
        ReadLog gapLog = log;
        if (interval != null && gapsReported(s, interval, scan)) {
            try (Rows check = new Rows(file, name, s, quiet, log, interval, scan.rows())) {
                check.forEachRemaining(row -> { });
            }
            gapLog = quiet;
        }
        return new Rows(file, name, s, quiet, gapLog, interval, scan.rows());
    }

    /** Whether a gap of the scanned series throws or is rejected (rather than filled or ignored). */
    private static boolean gapsReported(TimeSeriesDataConfig s, Timestamps.Interval interval, Scan scan) {
        long d = scan.largestStep();
        long missing = d > interval.amount() ? (d - 1) / interval.amount() : 0;
        return missing > 0 && (s.gaps() == TimeSeriesDataConfig.Gaps.FAIL || s.missing() == TimeSeriesDataConfig.Missing.FAIL
                || missing > scan.rows());
    }

    /** Splits and checks data lines into rows, with the column positions of a header. */
    private record Parser(String name, TimeSeriesDataConfig s, char delimiter, int columnCount, int[] timestampCols,
                          List<String> numericNames, int[] numericCols, int[] categoricalCols, Set<String> missing) {

        /** Reads the header line of {@code lines}. */
        static Parser open(Iterator<SourceLines.Line> lines, String name, TimeSeriesDataConfig s) {
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
            return new Parser(name, s, delimiter, header.size(), timestampCols, List.copyOf(numericNames), numericCols,
                    categoricalCols, Set.copyOf(s.missingValues()));
        }

        /** The next row that passes the checks, or null at the end of {@code lines}; others are rejected through {@code log}. */
        SeriesRow next(Iterator<SourceLines.Line> lines, ReadLog log) {
            while (lines.hasNext()) {
                SourceLines.Line line = lines.next();
                if (!line.text().isEmpty()) {
                    log.rowRead();
                    SeriesRow row = parse(line, log);
                    if (row != null) {
                        return row;
                    }
                }
            }
            return null;
        }

        private SeriesRow parse(SourceLines.Line line, ReadLog log) {
            List<String> f = DelimitedLine.split(line.text(), delimiter, '"');
            if (f == null) {
                log.reject(name, line.number(), "unclosed quote", "unclosed quote; expected a closing \" before the end of the line");
                return null;
            }
            if (f.size() != columnCount) {
                log.reject(name, line.number(), "wrong column count", "expected " + columnCount + " columns, got " + f.size());
                return null;
            }
            double[] numbers = new double[numericCols.length];
            for (int j = 0; j < numericCols.length; j++) {
                String cell = f.get(numericCols[j]).strip();
                String col = numericNames.get(j);
                if (missing.contains(cell)) {
                    if (!missingAllowed(s, name, line.number(), col, cell, log)) {
                        return null;
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
                    return null;
                }
                if (!Double.isFinite(v)) {
                    log.reject(name, line.number(), "non-finite value", "column '" + col + "': non-finite value '"
                            + dev.rnnkit.config.Shown.of(cell) + "'");
                    return null;
                }
                if (Math.abs(v) > MAX_MAGNITUDE) {
                    // Squares of such values overflow: the scaler's deviation and every baseline would be Infinity or NaN.
                    log.reject(name, line.number(), "value too large", "column '" + col + "': " + dev.rnnkit.config.Shown.of(cell)
                            + " is beyond +-1e150, where squared errors overflow; rescale the column");
                    return null;
                }
                numbers[j] = v;
            }
            String[] categories = new String[categoricalCols.length];
            for (int j = 0; j < categoricalCols.length; j++) {
                String cell = f.get(categoricalCols[j]).strip();
                if (missing.contains(cell)) {
                    if (!missingAllowed(s, name, line.number(), s.categoricalColumns().get(j), cell, log)) {
                        return null;
                    }
                } else {
                    categories[j] = cell;
                }
            }
            return new SeriesRow(line.number(), timestamp(f, timestampCols), numbers, categories);
        }
    }

    /**
     * What the first reading learns of a file's timestamps: the number of rows, whether every timestamp reads as a
     * date, and the series' interval (null with fewer than two increasing dates).
     *
     * @param rows        the rows that passed the checks
     * @param dates       whether every timestamp reads as a date
     * @param interval    the series' interval, or null
     * @param largestStep the largest difference between consecutive dates, in the interval's unit
     */
    public record Scan(long rows, boolean dates, Timestamps.Interval interval, long largestStep) {

        /**
         * Reads every row; timestamps out of order or repeated throw once the whole file is known to hold dates
         * (timestamps that do not all read as dates, e.g. t1, t2, are not checked).
         */
        static Scan of(Parser parser, Iterator<SourceLines.Line> lines, String name, ReadLog log) {
            Timestamps.Reader times = new Timestamps.Reader();
            Timestamps.IntervalCounter counter = new Timestamps.IntervalCounter();
            long count = 0;
            boolean dates = true;
            SeriesRow previous = null;
            LocalDateTime previousTime = null;
            DataFormatException disorder = null;
            for (SeriesRow row; (row = parser.next(lines, log)) != null; ) {
                count++;
                LocalDateTime t = dates ? times.read(row.timestamp()) : null;
                dates &= t != null;
                if (!dates) {
                    continue;
                }
                if (disorder == null && previous != null && !t.isAfter(previousTime)) {
                    disorder = new DataFormatException(name, row.line(), "timestamp '" + row.timestamp() + "' is not after '"
                            + previous.timestamp() + "' on line " + previous.line() + "; rows must be in time order, each step once");
                }
                counter.add(t);
                previous = row;
                previousTime = t;
            }
            if (dates && disorder != null) {
                throw disorder;
            }
            return new Scan(count, dates, dates ? counter.interval() : null, dates ? counter.largest() : 0);
        }
    }

    /**
     * The rows of a file as an iterator: each line is read when a row is asked for, steps missing from the series'
     * interval are handled per {@code gaps}, and {@code missing: ffill} carries values forward, holding one row.
     */
    public static final class Rows implements Iterator<SeriesRow>, AutoCloseable {
        private final Stream<SourceLines.Line> source;
        private final Iterator<SourceLines.Line> lines;
        private final Parser parser;
        private final String name;
        private final TimeSeriesDataConfig s;
        private final ReadLog rowLog;
        private final ReadLog gapLog;
        private final Timestamps.Interval interval;
        private final long fileRows;
        private final Timestamps.Reader times = new Timestamps.Reader();
        /** Rows ready to give: inserted gap steps, then the row after them. */
        private final java.util.ArrayDeque<SeriesRow> pending = new java.util.ArrayDeque<>();
        private SeriesRow previous;
        private LocalDateTime previousTime;
        private int previousForm;
        private SeriesRow filled;

        /**
         * @param rowLog   takes the rejects of malformed rows
         * @param gapLog   takes the rejects of gaps
         * @param interval the series' interval when gaps are checked, else null
         * @param fileRows the rows of the file (a gap of more steps is taken for a mistyped timestamp)
         */
        private Rows(Path file, String name, TimeSeriesDataConfig s, ReadLog rowLog, ReadLog gapLog, Timestamps.Interval interval,
                     long fileRows) {
            this.source = SourceLines.stream(file, name, rowLog);
            try {
                this.lines = source.iterator();
                this.parser = Parser.open(lines, name, s);
            } catch (RuntimeException e) {
                source.close();
                throw e;
            }
            this.name = name;
            this.s = s;
            this.rowLog = rowLog;
            this.gapLog = gapLog;
            this.interval = interval;
            this.fileRows = fileRows;
        }

        @Override
        public boolean hasNext() {
            while (pending.isEmpty()) {
                SeriesRow row = parser.next(lines, rowLog);
                if (row == null) {
                    return false;
                }
                if (interval != null) {
                    gapBefore(row);
                }
                pending.add(row);
            }
            return true;
        }

        @Override
        public SeriesRow next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            SeriesRow row = pending.poll();
            if (s.missing() == TimeSeriesDataConfig.Missing.FFILL) {
                row = forwardFill(filled, row);
                filled = row;
            }
            return row;
        }

        /** Applies {@code gaps} to the steps missing between the previous row and {@code row}. */
        private void gapBefore(SeriesRow row) {
            LocalDateTime t = times.read(row.timestamp());
            int form = times.form();
            if (previous != null) {
                long missing = interval.missingBetween(previousTime, t);
                String gap = missing + (missing == 1 ? " step" : " steps") + " missing between " + previous.timestamp() + " and "
                        + row.timestamp();
                if (missing > 0 && s.gaps() == TimeSeriesDataConfig.Gaps.FAIL) {
                    throw new DataFormatException(name, row.line(), gap + " (the series' interval is " + interval + ")"
                            + skippedBetween(previous, row) + "; set data.time_series.gaps: fill (insert them as missing values) "
                            + "or gaps: ignore");
                }
                if (missing > 0 && s.missing() == TimeSeriesDataConfig.Missing.FAIL) {
                    // As a missing cell under missing: fail: rejected, which on_error: skip counts (the gap then stays).
                    gapLog.reject(name, row.line(), "missing value", gap + " would be inserted as missing values "
                            + "(data.time_series.gaps: fill), which missing: fail rejects; set data.time_series.missing to ffill or drop");
                } else if (missing > fileRows) {
                    // Likely a mistyped timestamp; inserting it could exhaust memory, and a mostly filled series is no use.
                    throw new DataFormatException(name, row.line(), gap + " (the series' interval is " + interval
                            + "): more steps than the file's " + fileRows + " rows; check the timestamps");
                } else if (missing > 0) {
                    // The inserted steps carry the line of the row after the gap: messages about them point there.
                    double[] none = new double[row.numbers().length];
                    java.util.Arrays.fill(none, Double.NaN);
                    for (long k = 1; k <= missing; k++) {
                        String text = Timestamps.Reader.format(interval.plus(previousTime, k), previousForm);
                        pending.add(new SeriesRow(row.line(), text, none.clone(), new String[row.categories().length]));
                    }
                }
            }
            previous = row;
            previousTime = t;
            previousForm = form;
        }

        @Override
        public void close() {
            source.close();
        }
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

    /** {@code row} with each missing value replaced by {@code previous}'s (already filled); leading gaps stay missing. */
    private static SeriesRow forwardFill(SeriesRow previous, SeriesRow row) {
        double[] n = row.numbers().clone();
        String[] c = row.categories().clone();
        if (previous != null) {
            for (int j = 0; j < n.length; j++) {
                n[j] = Double.isNaN(n[j]) ? previous.numbers()[j] : n[j];
            }
            for (int j = 0; j < c.length; j++) {
                c[j] = c[j] == null ? previous.categories()[j] : c[j];
            }
        }
        return new SeriesRow(row.line(), row.timestamp(), n, c);
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
