package dev.rnnkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each truncation side keeps the documented tokens of a text longer than max_length and leaves shorter ones alone. */
class TruncationTest {

    static final List<String> TEN = List.of("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
        head      | 4 | t0 t1 t2 t3
        head      | 5 | t0 t1 t2 t3 t4
        tail      | 4 | t6 t7 t8 t9
        tail      | 5 | t5 t6 t7 t8 t9
        head_tail | 4 | t0 t7 t8 t9
        head_tail | 5 | t0 t1 t7 t8 t9
        head_tail | 8 | t0 t1 t4 t5 t6 t7 t8 t9
        head_tail | 9 | t0 t1 t2 t4 t5 t6 t7 t8 t9
        head_tail | 1 | t0
        tail      | 1 | t9
        """)
    void keepsTheConfiguredSide(String side, int maxLength, String expected) {
        Truncation t = Truncation.valueOf(side.toUpperCase(java.util.Locale.ROOT));
        assertEquals(side, t.yamlName());
        assertEquals(List.of(expected.split(" ")), t.keep(TEN, maxLength));
    }

    @Test
    void headTailReproducesSunEtAlsSplit() {
        // BERT's 510 content tokens: head 128 + tail 382.
        assertEquals(128, Truncation.HEAD_TAIL.headLength(510));
    }

    @Test
    void textsWithinTheLimitAreUntouched() {
        for (Truncation t : Truncation.values()) {
            assertSame(TEN, t.keep(TEN, 10));
            assertSame(TEN, t.keep(TEN, 11));
            assertSame(TEN, t.keep(TEN, null));
            assertEquals(List.of(), t.keep(List.of(), 3));
        }
    }
}
