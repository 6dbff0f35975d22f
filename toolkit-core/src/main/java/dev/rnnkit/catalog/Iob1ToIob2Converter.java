package dev.rnnkit.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Rewrites CoNLL-2003 tag columns from IOB1 to IOB2, byte for byte otherwise.
 *
 * <p>The original CoNLL-2003 files ({@code eng.train}, {@code eng.testa}, {@code eng.testb}) tag an entity's
 * first token {@code I-X} unless it directly follows another {@code X} entity; IOB2 always starts entities
 * with {@code B-X}. Every space-separated column after the word and POS columns (chunk and NER) is
 * converted: {@code I-X} becomes {@code B-X} when the previous token's tag in that column is {@code O} or of
 * another type. Blank lines and {@code -DOCSTART-} lines end a sentence. Line endings are kept.
 */
final class Iob1ToIob2Converter implements FileConverter {

    /** Columns before the first tag column: word and part of speech. */
    private static final int FIRST_TAG_COLUMN = 2;

    @Override
    public void convert(List<Path> sources, Path target) throws IOException {
        // ISO-8859-1 maps bytes 1:1 to chars, so any input survives unchanged apart from the tags.
        String text = Files.readString(sources.get(0), StandardCharsets.ISO_8859_1);
        Files.writeString(target, convertText(text), StandardCharsets.ISO_8859_1);
    }

    /** The IOB2 form of a whole file's text. */
    static String convertText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        String[] previous = new String[0];
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            String line = text.substring(start, end);
            String ending = line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
            String content = line.substring(0, line.length() - ending.length());
            if (content.isBlank() || content.startsWith("-DOCSTART-")) {
                previous = new String[0];
                out.append(line);
            } else {
                String[] columns = content.split(" ", -1);
                String[] original = columns.clone();
                for (int c = FIRST_TAG_COLUMN; c < columns.length; c++) {
                    String before = c < previous.length ? previous[c] : "O";
                    if (columns[c].startsWith("I-") && !type(before).equals(type(columns[c]))) {
                        columns[c] = "B-" + columns[c].substring(2);
                    }
                }
                previous = original;
                out.append(String.join(" ", columns)).append(ending);
            }
            start = end;
        }
        return out.toString();
    }

    /** The entity type of a tag ({@code PER} for {@code B-PER} and {@code I-PER}); empty for {@code O}. */
    private static String type(String tag) {
        return tag.length() > 2 && tag.charAt(1) == '-' ? tag.substring(2) : "";
    }
}
