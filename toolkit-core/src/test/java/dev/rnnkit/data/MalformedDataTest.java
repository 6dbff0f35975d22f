package dev.rnnkit.data;

import static dev.rnnkit.data.Fixtures.config;
import static dev.rnnkit.data.Fixtures.write;
import static dev.rnnkit.data.Fixtures.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MalformedDataTest {

    @TempDir
    Path dir;

    private static final String TEXT = "input: {type: embedding}\noutput: {type: classification}\n";
    private static final String REGRESSION = "input: {type: embedding}\noutput: {type: regression}\n";
    private static final String TAGS = "input: {type: embedding}\noutput: {type: tagging}\n";
    private static final String SERIES = "input: {type: dense}\noutput: {type: forecast}\n";
    private static final String GENERATION = "input: {type: one_hot}\noutput: {type: generation}\n";
    private static final String SERIES_DATA = "data: {train: s.csv, time_series: {target_columns: [Temp], lookback: 1}}\n";

    /** Bytes that are not UTF-8 (a lone Latin-1 "é"). */
    private static final byte[] LATIN1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("wrong column count", TEXT + "data: {train: train.tsv}\n",
                        Map.of("train.tsv", "sentence\tlabel\ngood\t1\ntoo\tmany\t1\n"),
                        "train.tsv:3: expected 2 columns, got 3"),
                Arguments.of("empty text", TEXT + "data: {train: train.tsv}\n",
                        Map.of("train.tsv", "sentence\tlabel\n  \t1\n"),
                        "train.tsv:2: empty text; expected a text in the text column"),
                Arguments.of("empty label", TEXT + "data: {train: train.tsv}\n",
                        Map.of("train.tsv", "sentence\tlabel\nok\t\n"),
                        "train.tsv:2: empty label; expected a label in the label column"),
                Arguments.of("unknown label at evaluation", TEXT + "data: {train: train.tsv, validation: dev.tsv}\n",
                        Map.of("train.tsv", "sentence\tlabel\ngood\t1\nbad\t0\n", "dev.tsv", "sentence\tlabel\nmeh\tneutral\n"),
                        "dev.tsv:2: unknown label 'neutral'; the training split has 0, 1"),
                Arguments.of("missing header column", TEXT + "data: {train: train.tsv, text: {text_column: sentence, label_column: label}}\n",
                        Map.of("train.tsv", "sentence\tscore\ngood\t1\n"),
                        "train.tsv:1: no column 'label' (data.text.label_column) in the header; columns are sentence, score"),
                Arguments.of("non-numeric regression label", REGRESSION + "data: {train: train.tsv}\n",
                        Map.of("train.tsv", "t\ty\nok\thigh\n"),
                        "train.tsv:2: label 'high' is not a finite number (output.type regression)"),
                Arguments.of("unclosed quote", TEXT + "data: {train: train.csv, text: {delimiter: ',', quote: '\"'}}\n",
                        Map.of("train.csv", "text,label\n\"good, fine,1\n"),
                        "train.csv:2: unclosed quote; expected a closing \" before the end of the line (data.text.quote sets the quote character)"),
                Arguments.of("tagging column count", TAGS + "data: {train: train.txt}\n",
                        Map.of("train.txt", "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman B-NP B-MISC\n"),
                        "train.txt:3: expected 4 columns (token column 0, tag column -1), got 3"),
                Arguments.of("I- after O in strict iob2", TAGS + "data: {train: train.txt, tagging: {tag_errors: strict}}\n",
                        Map.of("train.txt", "The O\nPeter I-PER\n"),
                        "train.txt:2: tag 'I-PER' follows 'O'; in iob2 an entity starts with B-"),
                Arguments.of("I- after O in strict iobes", TAGS + "data: {train: train.txt, tagging: {input_scheme: iobes, tag_errors: strict}}\n",
                        Map.of("train.txt", "The O\nPeter I-PER\nSmith E-PER\n"),
                        "train.txt:2: tag 'I-PER' follows 'O'; in iobes an entity starts with B- or S-"),
                Arguments.of("unclosed entity in strict iobes", TAGS + "data: {train: train.txt, tagging: {input_scheme: iobes, tag_errors: strict}}\n",
                        Map.of("train.txt", "Peter B-PER\nSmith I-PER\n\nok O\n"),
                        "train.txt:2: the sentence ends inside entity 'I-PER'; in iobes an entity ends with E- or is S-"),
                Arguments.of("tag not in the scheme (even under tag_errors: repair)", TAGS + "data: {train: train.txt}\n",
                        Map.of("train.txt", "Peter PER\n"),
                        "train.txt:1: tag 'PER' is not iob2: expected O or B-/I- followed by a type"),
                Arguments.of("unknown tag at evaluation", TAGS + "data: {train: train.txt, test: test.txt}\n",
                        Map.of("train.txt", "Peter B-PER\n", "test.txt", "Paris B-LOC\n"),
                        "test.txt:1: unknown tag 'B-LOC'; the training split has B-PER"),
                Arguments.of("non-numeric value", SERIES + SERIES_DATA,
                        Map.of("s.csv", "Date,Temp\n1,2.5\n2,abc\n"),
                        "s.csv:3: column 'Temp': 'abc' is not a number"),
                Arguments.of("NaN", SERIES + SERIES_DATA,
                        Map.of("s.csv", "Date,Temp\n1,2.5\n2,NaN\n"),
                        "s.csv:3: column 'Temp': non-finite value 'NaN'"),
                Arguments.of("Inf", SERIES + SERIES_DATA,
                        Map.of("s.csv", "Date,Temp\n1,-Infinity\n"),
                        "s.csv:2: column 'Temp': non-finite value '-Infinity'"),
                Arguments.of("missing value under missing: fail", SERIES + SERIES_DATA,
                        Map.of("s.csv", "Date,Temp\n1,2\n2,NA\n"),
                        "s.csv:3: column 'Temp': missing value 'NA' (set data.time_series.missing to drop or ffill to accept gaps)"),
                Arguments.of("series column count", SERIES + SERIES_DATA,
                        Map.of("s.csv", "Date,Temp\n1,2\n2\n"),
                        "s.csv:3: expected 2 columns, got 1"),
                Arguments.of("missing target column", SERIES + "data: {train: s.csv, time_series: {target_columns: [pm25], lookback: 1}}\n",
                        Map.of("s.csv", "No,pm2.5\n1,2\n"),
                        "s.csv:1: no column 'pm25' (data.time_series.target_columns) in the header; columns are No, pm2.5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void rejectsWithFileLineAndReason(String what, String yaml, Map<String, String> files, String message) {
        files.forEach((name, content) -> write(dir, name, content));
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataPipelines.prepare(config(yaml), dir));
        assertEquals(message, e.getMessage());
    }

    @Test
    void invalidUtf8IsRejectedWithItsLine() {
        writeBytes(dir, "train.tsv", concat("sentence\tlabel\n".getBytes(StandardCharsets.UTF_8), LATIN1, "\t1\n".getBytes(StandardCharsets.UTF_8)));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataPipelines.prepare(config(TEXT + "data: {train: train.tsv}\n"), dir));
        assertEquals("train.tsv:2: " + dev.rnnkit.data.SourceLines.UTF8_EXPECTED, e.getMessage());
        assertEquals("train.tsv", e.file());
        assertEquals(2, e.line());
        assertEquals(dev.rnnkit.data.SourceLines.UTF8_EXPECTED, e.reason());
    }

    @Test
    void invalidUtf8InAGenerationFolderNamesTheFile() {
        writeBytes(dir, "lyrics/a.txt", concat("ok\n".getBytes(StandardCharsets.UTF_8), LATIN1));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataPipelines.prepare(config(GENERATION + "data: {train: lyrics, tokenizer: {level: char}}\n"), dir));
        assertEquals("lyrics/a.txt:2: " + dev.rnnkit.data.SourceLines.UTF8_EXPECTED, e.getMessage());
    }

    @Test
    void skipModeDropsAndCountsBadRowsByReason() {
        writeBytes(dir, "train.tsv", concat(("sentence\tlabel\ngood\t1\ntoo\tmany\t1\n \t0\nbad\t0\n").getBytes(StandardCharsets.UTF_8),
                LATIN1, "\t1\nthree\tcols\tx\n".getBytes(StandardCharsets.UTF_8)));
        PreparedData data = DataPipelines.prepare(config(TEXT + "data: {train: train.tsv, on_error: skip, prefetch: 0}\n"), dir);
        ReadSummary s = data.summary();
        assertEquals(6, s.rowsRead());
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("invalid UTF-8", 1L);
        expected.put("wrong column count", 2L);
        expected.put("empty text", 1L);
        assertEquals(expected, s.skippedByReason());
        assertEquals(4, s.skipped());
        assertEquals(2, s.trainExamples());
        // In line order: the file is read a line at a time, encoding checks included.
        assertEquals(java.util.List.of("train.tsv:3: expected 2 columns, got 3", "train.tsv:4: empty text; expected a text in the text column",
                "train.tsv:6: " + SourceLines.UTF8_EXPECTED, "train.tsv:7: expected 2 columns, got 3"), s.firstSkipped());
        assertEquals("read 6 rows, skipped 4 (wrong column count: 2, empty text: 1, invalid UTF-8: 1)",
                s.toString().lines().findFirst().orElseThrow());
    }

    @Test
    void skipModeDropsWholeSentencesThatBreakTheScheme() {
        write(dir, "train.txt", "Peter B-PER\n\nThe O\nSmith I-PER\n\nParis B-LOC\n");
        PreparedData data = DataPipelines.prepare(config(TAGS
                + "data: {train: train.txt, on_error: skip, prefetch: 0, tagging: {tag_errors: strict}}\n"), dir);
        assertEquals(3, data.summary().rowsRead());
        assertEquals(Map.of("tag scheme violation", 1L), data.summary().skippedByReason());
        assertEquals(2, data.summary().trainExamples());
    }

    @Test
    void missingFileNamesTheConfigPath() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataPipelines.prepare(config(TEXT + "data: {train: nope.tsv}\n"), dir));
        assertEquals("nope.tsv", e.file());
        assertEquals("no such file (looked for " + dir.resolve("nope.tsv").toAbsolutePath() + ")", e.reason());
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
