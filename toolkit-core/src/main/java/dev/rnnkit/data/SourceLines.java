package dev.rnnkit.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a UTF-8 text file as numbered lines, rejecting lines that are not valid UTF-8.
 *
 * <p>Each line is decoded on its own so that an encoding error names its line; CRLF endings are accepted. Lines are
 * read one at a time ({@link #stream}), never the whole file at once.
 */
public final class SourceLines {

    /** The reason given for a line that is not UTF-8. */
    public static final String UTF8_EXPECTED = "not valid UTF-8 text; expected UTF-8 (re-save the file as UTF-8)";

    /** One line of a file. */
    public record Line(long number, String text) {
    }

    private SourceLines() {
    }

    /**
     * The lines of {@code file}; invalid UTF-8 lines go to {@code log} (and are left out when skipped).
     *
     * @param name the file's name in messages (as written in the config)
     */
    public static List<Line> read(Path file, String name, ReadLog log) {
        try (Stream<Line> lines = stream(file, name, log)) {
            return lines.collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        }
    }

    /**
     * The lines of {@code file} read one at a time, so that a file of any size takes the memory of its longest line;
     * invalid UTF-8 lines go to {@code log} as they are met. Close the stream to close the file.
     *
     * @param name the file's name in messages (as written in the config)
     * @throws DataFormatException when the file cannot be opened, or later when it cannot be read
     */
    public static Stream<Line> stream(Path file, String name, ReadLog log) {
        InputStream in;
        try {
            if (Files.isDirectory(file)) {
                throw new DataFormatException(name, 0, "is a folder; expected a file");
            }
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(name, 0, "no such file (looked for " + file.toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new DataFormatException(name, 0, "cannot read: " + e.getMessage());
        }
        return stream(in, name, log);
    }

    /**
     * The lines of {@code in} (e.g. standard input) read one at a time, as {@link #stream(Path, String, ReadLog)} reads
     * a file's; closing the stream closes {@code in}.
     *
     * @param name the input's name in messages
     */
    public static Stream<Line> stream(InputStream in, String name, ReadLog log) {
        LineIterator lines = new LineIterator(in, name, log);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lines, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(lines::close);
    }

    /** Splits a byte stream at newlines and decodes each line on its own. */
    private static final class LineIterator implements Iterator<Line> {
        private final InputStream in;
        private final String name;
        private final ReadLog log;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        private final byte[] chunk = new byte[1 << 16];
        private int position;
        private int limit;
        private long number;
        private boolean ended;
        private Line next;

        LineIterator(InputStream in, String name, ReadLog log) {
            this.in = in;
            this.name = name;
            this.log = log;
        }

        @Override
        public boolean hasNext() {
            while (next == null && !ended) {
                next = readLine();
            }
            return next != null;
        }

        @Override
        public Line next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Line line = next;
            next = null;
            return line;
        }

        /** The next line, or null when it was rejected or the file ended. */
        private Line readLine() {
            buffer.reset();
            boolean newline = false;
            try {
                while (!newline) {
                    if (position == limit) {
                        limit = in.read(chunk);
                        position = 0;
                        if (limit <= 0) {
                            limit = 0;
                            break;
                        }
                    }
                    int end = position;
                    while (end < limit && chunk[end] != '\n') {
                        end++;
                    }
                    buffer.write(chunk, position, end - position);
                    newline = end < limit;
                    position = newline ? end + 1 : end;
                }
            } catch (IOException e) {
                throw new DataFormatException(name, number + 1, "cannot read: " + e.getMessage());
            }
            if (!newline) {
                ended = true;
                if (buffer.size() == 0) {
                    return null;
                }
            }
            number++;
            byte[] bytes = buffer.toByteArray();
            int start = number == 1 && bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                    && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
            int stop = bytes.length > start && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            try {
                return new Line(number, decoder.reset().decode(ByteBuffer.wrap(bytes, start, stop - start)).toString());
            } catch (CharacterCodingException e) {
                log.rowRead();
                log.reject(name, number, "invalid UTF-8", UTF8_EXPECTED);
                return null;
            }
        }

        void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** The whole file as bytes, or a one-line error naming it. */
    public static byte[] readBytes(Path file, String name) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(name, 0, "no such file (looked for " + file.toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new DataFormatException(name, 0, "cannot read: " + e.getMessage());
        }
    }
}
