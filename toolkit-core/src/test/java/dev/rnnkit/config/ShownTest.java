package dev.rnnkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Error messages quote a huge value by its start and length, on one line. */
class ShownTest {

    @Test
    void shortValuesWholeLongOnesCut() {
        assertEquals("lstm", Shown.of("lstm"));
        String huge = "x".repeat(10_000_000);
        String shown = Shown.of(huge);
        assertEquals("x".repeat(Shown.MAX) + "... (10000000 characters)", shown);
        assertEquals("a\\nb", Shown.of("a\nb"));
    }

    @Test
    void aConfigErrorAboutAMegabyteValueStaysShort() {
        String value = "y".repeat(1_000_000);
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                input: {type: embedding}
                encoder: [{cell_type: lstm, state_size: 8}]
                output: {type: classification}
                """, "c.yaml", List.of("encoder[0].cell_type=" + value)));
        String line = e.errors().get(0).toString();
        assertTrue(line.length() < 300, line.length() + " characters: " + line.substring(0, Math.min(200, line.length())));
        assertTrue(line.contains("(1000000 characters)"), line);
    }

    @Test
    void messagesShortenQuotedValuesAndStayOneLine() {
        assertEquals("f.tsv:3: unknown label 'pos'", Shown.message("f.tsv:3: unknown label 'pos'"));
        String label = "z".repeat(10_000_000);
        assertEquals("f.tsv:3: unknown label '" + "z".repeat(Shown.MAX) + "... (10000000 characters)'; the training split has a, b",
                Shown.message("f.tsv:3: unknown label '" + label + "'; the training split has a, b"));
        assertEquals("a\\nb", Shown.message("a\nb"));
        String long_ = Shown.message("f.tsv: the training split has " + "label, ".repeat(10_000));
        assertEquals(Shown.MAX_MESSAGE + "... (70031 characters)".length(), long_.length());
    }

    @Test
    void aDataErrorAboutATenMegabyteLabelStaysShort(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("train.tsv"), "sentence\tlabel\ngood movie\tpos\nbad film\tneg\n");
        java.nio.file.Files.writeString(dir.resolve("dev.tsv"), "sentence\tlabel\ngood\t" + "q".repeat(10_000_000) + "\n");
        var config = ConfigLoader.parse("input: {type: embedding}\nencoder: [{cell_type: lstm, state_size: 4}]\n"
                + "output: {type: classification}\ndata: {train: train.tsv, validation: dev.tsv}\n", "c.yaml", List.of());
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.rnnkit.data.DataFormatException.class,
                () -> dev.rnnkit.data.DataPipelines.prepare(config, dir));
        assertTrue(e.getMessage().startsWith("dev.tsv:2: unknown label 'qqq"), e.getMessage());
        assertTrue(e.getMessage().length() < 200 && e.getMessage().contains("(10000000 characters)"), e.getMessage());
    }
}
