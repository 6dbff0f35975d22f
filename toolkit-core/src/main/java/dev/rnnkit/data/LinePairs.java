package dev.rnnkit.data;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads two line-aligned files (a translation corpus: {@code train.en} beside {@code train.fr}) as pairs, line N of one
 * with line N of the other.
 *
 * <p>Both files are read together one line at a time ({@link SourceLines#stream}), so memory does not grow with them. An
 * empty line on either side is a malformed row, rejected through the {@link ReadLog} under its own {@code file:line}; a
 * line that is not valid UTF-8 is rejected by {@link SourceLines} and its partner is dropped with it, so the pairs stay
 * aligned. Files of different lengths are an error naming both.
 */
public final class LinePairs {

    private LinePairs() {
    }

    /**
     * The pairs of {@code firstName} and {@code secondName} (relative to {@code dataDir}), as {@link ColumnPairs.Row}s
     * whose file is {@code firstName} and whose line is the shared line number.
     *
     * @param convert turns each well-formed pair, in line order, into the caller's row, or returns null when it
     *                rejected the pair through {@code log}
     * @throws DataFormatException (when read) if one file ends before the other
     */
    public static <T> Stream<T> stream(Path dataDir, String firstName, String secondName, ReadLog log,
                                       Function<ColumnPairs.Row, T> convert) {
        Stream<SourceLines.Line> first = SourceLines.stream(DataPipelines.resolve(dataDir, firstName), firstName, log);
        Stream<SourceLines.Line> second;
        try {
            second = SourceLines.stream(DataPipelines.resolve(dataDir, secondName), secondName, log);
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
        Zip zip = new Zip(first.iterator(), second.iterator(), firstName, secondName);
        Function<SourceLines.Line[], T> row = pair -> {
            log.rowRead();
            for (int side = 0; side < 2; side++) {
                if (pair[side].text().isEmpty()) {
                    log.reject(side == 0 ? firstName : secondName, pair[side].number(), "empty line",
                            "empty line (its pair in " + (side == 0 ? secondName : firstName) + " is left out with it)");
                    return null;
                }
            }
            return convert.apply(new ColumnPairs.Row(firstName, pair[0].number(), pair[0].text(), pair[1].text()));
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(zip, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .map(row).filter(Objects::nonNull).onClose(() -> {
                    try {
                        first.close();
                    } finally {
                        second.close();
                    }
                });
    }

    /** Pairs lines of equal number; a line whose partner was rejected (invalid UTF-8) is dropped. */
    private static final class Zip implements Iterator<SourceLines.Line[]> {
        private final Iterator<SourceLines.Line> first;
        private final Iterator<SourceLines.Line> second;
        private final String firstName;
        private final String secondName;
        private SourceLines.Line a;
        private SourceLines.Line b;
        private long last;
        private SourceLines.Line[] next;

        Zip(Iterator<SourceLines.Line> first, Iterator<SourceLines.Line> second, String firstName, String secondName) {
            this.first = first;
            this.second = second;
            this.firstName = firstName;
            this.secondName = secondName;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                a = a != null ? a : first.hasNext() ? first.next() : null;
                b = b != null ? b : second.hasNext() ? second.next() : null;
                if (a == null && b == null) {
                    return false;
                }
                if (a == null || b == null) {
                    String ended = a == null ? firstName : secondName;
                    String goes = a == null ? secondName : firstName;
                    long line = (a == null ? b : a).number();
                    throw new DataFormatException(goes, line, "has more lines than " + ended + ", which ended after line "
                            + last + "; line-aligned files need the same number of lines");
                }
                if (a.number() == b.number()) {
                    next = new SourceLines.Line[] {a, b};
                    last = a.number();
                    a = null;
                    b = null;
                } else if (a.number() < b.number()) {
                    a = null; // its partner was rejected as invalid UTF-8
                } else {
                    b = null;
                }
            }
            return true;
        }

        @Override
        public SourceLines.Line[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            SourceLines.Line[] out = next;
            next = null;
            return out;
        }
    }
}
