package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnkit.config.WordFeature;
import dev.rnnkit.data.WordShapes.Casing;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordShapesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        the       | ALL_LOWER
        n't       | ALL_LOWER
        EU        | ALL_UPPER
        U.S.      | ALL_UPPER
        Peter     | INITIAL_CAPITAL
        A         | INITIAL_CAPITAL
        Élysée    | INITIAL_CAPITAL
        iPhone    | MIXED_CASE
        McDonald  | MIXED_CASE
        1996      | NUMERIC
        3.5       | NUMERIC
        1,000     | NUMERIC
        2-1       | NUMERIC
        1990s     | CONTAINS_DIGIT
        A4        | CONTAINS_DIGIT
        10%       | CONTAINS_DIGIT
        ','       | PUNCTUATION
        (         | PUNCTUATION
        $         | PUNCTUATION
        --        | PUNCTUATION
        東京       | OTHER
        ''        | OTHER
        """)
    void casingClassOfAToken(String token, Casing expected) {
        assertEquals(expected, Casing.of(token));
    }

    @Test
    void casingWidthMatchesItsClassesAndClassesFollowTheEncodedLength() {
        assertEquals(Casing.values().length, WordFeature.CASING.width());
        int[][] classes = WordShapes.classes(List.of(WordFeature.CASING), List.of("Peter", "rejects", "EU"), 2);
        assertArrayEquals(new int[][] {{Casing.INITIAL_CAPITAL.ordinal(), Casing.ALL_LOWER.ordinal()}}, classes);
    }
}
