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
}
