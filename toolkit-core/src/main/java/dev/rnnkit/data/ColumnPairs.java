package dev.rnnkit.data;

import dev.rnnkit.config.ColumnRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.function.Function;

/**
 * Reads two columns of a delimited file (TSV, CSV), with or without a header, rejecting malformed rows.
 *
 * <p>Shared by the families whose files hold one example per row (text classification, seq2seq); blank
 * lines are not rows, and rows with an unclosed quote or the wrong number of columns go to the {@link ReadLog}.
 */
public final class ColumnPairs {

    /**
     * The layout of a delimited file.
     *
     * @param section   the config section in messages, e.g. {@code data.text}
     * @param delimiter the one-character separator
     * @param quote     the one-character quote, or null for none
     * @param header    the first line names the columns
     */
    public record Layout(String section, String delimiter, String quote, boolean header) {
    }

    /** One well-formed row: its location and the raw values of the two columns. */
    public record Row(String file, long line, String first, String second) {
    }

    private ColumnPairs() {
    }

    /**
     * The rows of {@code name} (relative to {@code dataDir}).
     *
     * @param firstKey  the config key of the first column in messages, e.g. {@code text_column}
     * @param secondKey the config key of the second column
     * @param convert   turns each well-formed row, in line order, into the caller's row, or returns null when it
     *                  rejected the row through {@code log}
     * @throws DataFormatException for an empty headed file or a column name missing from the header
     */
    public static <T> List<T> read(Path dataDir, String name, Layout layout, String firstKey, ColumnRef first,
                                   String secondKey, ColumnRef second, ReadLog log, Function<Row, T> convert) {
        try (Stream<T> rows = stream(dataDir, name, layout, firstKey, first, secondKey, second, log, convert)) {
            return rows.collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        }
    }

    /**
     * The rows of {@code name} read one line at a time (see {@link #read}); the header, when there is one, is checked
     * before this returns. Close the stream to close the file.
     */
    public static <T> Stream<T> stream(Path dataDir, String name, Layout layout, String firstKey, ColumnRef first,
                                       String secondKey, ColumnRef second, ReadLog log, Function<Row, T> convert) {
        Stream<SourceLines.Line> source = SourceLines.stream(DataPipelines.resolve(dataDir, name), name, log);
        try {
            Iterator<SourceLines.Line> lines = source.iterator();
            char delimiter = DelimitedLine.charOf(layout.delimiter());
            char quote = DelimitedLine.charOf(layout.quote());
            Integer expected = null;
            List<String> header = null;
            if (layout.header()) {
                if (!lines.hasNext()) {
                    throw new DataFormatException(name, 0, "the file is empty; expected a header line");
                }
                SourceLines.Line headerLine = lines.next();
                header = DelimitedLine.split(headerLine.text(), delimiter, quote);
                if (header == null) {
                    throw new DataFormatException(name, headerLine.number(), "unclosed quote in the header");
                }
                expected = header.size();
            }
            int a = column(first, header, name, layout.section() + "." + firstKey);
            int b = column(second, header, name, layout.section() + "." + secondKey);
            int needed = Math.max(a, b) + 1;
            Integer columns = expected;
            Function<SourceLines.Line, T> row = line -> {
                if (line.text().isEmpty()) {
                    return null; // blank lines (e.g. a trailing newline) are not rows
                }
                log.rowRead();
                List<String> fields = DelimitedLine.split(line.text(), delimiter, quote);
                if (fields == null) {
                    log.reject(name, line.number(), "unclosed quote", "unclosed quote; expected a closing " + layout.quote()
                            + " before the end of the line (" + layout.section() + ".quote sets the quote character)");
                } else if (columns != null ? fields.size() != columns : fields.size() < needed) {
                    log.reject(name, line.number(), "wrong column count", "expected " + (columns != null ? columns : "at least " + needed)
                            + " columns, got " + fields.size());
                } else {
                    return convert.apply(new Row(name, line.number(), fields.get(a), fields.get(b)));
                }
                return null;
            };
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lines, Spliterator.ORDERED), false)
                    .map(row).filter(java.util.Objects::nonNull).onClose(source::close);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private static int column(ColumnRef ref, List<String> header, String file, String key) {
        if (ref.index() != null) {
            if (header != null && ref.index() >= header.size()) {
                // Otherwise every row, having the header's column count, would fail with an index out of bounds.
                throw new DataFormatException(file, 1, "no column " + ref.index() + " (" + key + "): the header has "
                        + header.size() + " columns, 0-based indices 0 to " + (header.size() - 1) + " (" + String.join(", ", header) + ")");
            }
            return ref.index();
        }
        int i = header.indexOf(ref.name());
        if (i < 0) {
            throw new DataFormatException(file, 1, "no column '" + ref.name() + "' (" + key + ") in the header; columns are "
                    + String.join(", ", header));
        }
        return i;
    }
}
