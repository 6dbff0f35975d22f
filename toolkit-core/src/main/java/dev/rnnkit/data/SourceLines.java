package dev.rnnkit.data;

import java.io.IOException;
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
import java.util.List;

/**
 * Reads a UTF-8 text file as numbered lines, rejecting lines that are not valid UTF-8.
 *
 * <p>Each line is decoded on its own so that an encoding error names its line; CRLF endings are accepted.
 */
public final class SourceLines {

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
        byte[] bytes = readBytes(file, name);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<Line> lines = new ArrayList<>();
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        long number = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            number++;
            int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            try {
                CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, start, stop - start));
                lines.add(new Line(number, chars.toString()));
            } catch (CharacterCodingException e) {
                log.rowRead();
                log.reject(name, number, "invalid UTF-8", "not valid UTF-8 text");
            }
            start = end + 1;
        }
        return lines;
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
