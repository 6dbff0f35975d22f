package dev.rnnkit.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one split of the MR data set from the two rt-polarity files of Pang &amp; Lee's sentence polarity data.
 *
 * <p>The sources are {@code rt-polarity.neg} then {@code rt-polarity.pos} (label 0 and 1): ISO-8859-1 text,
 * one snippet per line. Each line is stripped of surrounding white space, empty lines are dropped and tabs
 * become spaces. The snippet with index {@code i} (0-based, counted in its class file after dropping empty
 * lines) belongs to {@code test} if {@code i % 10 == 0}, {@code validation} if {@code i % 10 == 1}, else to
 * {@code train}. The split's rows alternate: for each index in order, the negative snippet, then the positive
 * one (a class that runs out first leaves the other's rows one after another). The target is UTF-8 with LF
 * line ends and a {@code sentence<TAB>label} header.
 *
 * <p>White space is what Python's {@code str.strip()} removes, which made the published files: besides ASCII
 * white space that includes U+0085 (byte 0x85, an ellipsis in Windows-1252) and U+00A0, which some lines of the
 * originals start or end with. Lines end at LF, CR or CRLF only, so a U+0085 inside a line stays.
 */
final class RtPolaritySplitConverter implements FileConverter {

    /** The three splits and which line indices (mod 10) go to each. */
    enum Split {
        TRAIN, VALIDATION, TEST;

        static Split of(int index) {
            return switch (index % 10) {
                case 0 -> TEST;
                case 1 -> VALIDATION;
                default -> TRAIN;
            };
        }
    }

    static final String HEADER = "sentence\tlabel\n";

    private final Split split;

    RtPolaritySplitConverter(Split split) {
        this.split = split;
    }

    @Override
    public int inputs() {
        return 2;
    }

    @Override
    public void convert(List<Path> sources, Path target) throws IOException {
        String negative = Files.readString(sources.get(0), StandardCharsets.ISO_8859_1);
        String positive = Files.readString(sources.get(1), StandardCharsets.ISO_8859_1);
        Files.writeString(target, convertText(negative, positive), StandardCharsets.UTF_8);
    }

    /** The split's file content for the decoded texts of the negative and positive class files. */
    String convertText(String negative, String positive) {
        List<String> neg = snippets(negative);
        List<String> pos = snippets(positive);
        StringBuilder out = new StringBuilder(HEADER);
        for (int i = 0; i < Math.max(neg.size(), pos.size()); i++) {
            if (Split.of(i) != split) {
                continue;
            }
            if (i < neg.size()) {
                out.append(neg.get(i)).append("\t0\n");
            }
            if (i < pos.size()) {
                out.append(pos.get(i)).append("\t1\n");
            }
        }
        return out.toString();
    }

    /** The non-empty stripped lines of one class file, tabs replaced by spaces. */
    private static List<String> snippets(String text) {
        List<String> kept = new ArrayList<>();
        text.lines().map(RtPolaritySplitConverter::strip).filter(s -> !s.isEmpty())
                .forEach(s -> kept.add(s.replace('\t', ' ')));
        return kept;
    }

    private static String strip(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isSpace(line.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    /** Python's {@code str.isspace()} for the ISO-8859-1 range (which is all a decoded original contains). */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }
}
