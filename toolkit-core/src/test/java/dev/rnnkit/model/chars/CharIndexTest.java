package dev.rnnkit.model.chars;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Character ids, truncation, unknown characters and storage of {@link CharIndex}. */
class CharIndexTest {

    /** a=2, b=3, c=4, d=5, e=6, A=7. */
    private static final CharIndex INDEX = CharIndex.ofCharacters(List.of("a", "b", "c", "d", "e", "A"));

    @Test
    void shortTokensArePaddedAndUnknownCharactersAreOne() {
        assertArrayEquals(new int[] {3, 2, 4, 0, 0, 0}, INDEX.encode("bac", 6));
        assertArrayEquals(new int[] {7, 1, 6, 0}, INDEX.encode("Aze", 4));
        assertArrayEquals(new int[] {2, 3, 4, 5}, INDEX.encode("abcd", 4));
        assertArrayEquals(new int[] {0, 0, 0}, INDEX.encode("", 3));
        assertEquals(8, INDEX.size());
        assertEquals(CharIndex.UNKNOWN_ID, INDEX.id('z'));
        assertEquals("A", INDEX.entry(7));
    }

    @Test
    void longTokensKeepTheirFirstHalfAndLastHalf() {
        // "abcdeAbc" (8 characters) in 5: first ceil(5/2) = 3 "abc", last floor(5/2) = 2 "bc".
        assertArrayEquals(new int[] {2, 3, 4, 3, 4}, INDEX.encode("abcdeAbc", 5));
        // In 4: "ab" + "bc".
        assertArrayEquals(new int[] {2, 3, 3, 4}, INDEX.encode("abcdeAbc", 4));
        // One character longer than L: only the middle one goes ("abcde" in 4: "ab" + "de").
        assertArrayEquals(new int[] {2, 3, 5, 6}, INDEX.encode("abcde", 4));
        assertArrayEquals(new int[] {2}, INDEX.encode("abcde", 1));
        assertThrows(IllegalArgumentException.class, () -> INDEX.encode("abc", 0));
    }

    @Test
    void charactersAreCodePoints() {
        String clef = new String(Character.toChars(0x1D11E));
        CharIndex index = CharIndex.ofCharacters(List.of(clef, "é"));
        assertArrayEquals(new int[] {2, 3, 1, 0}, index.encode(clef + "éx", 4));
        assertThrows(IllegalArgumentException.class, () -> CharIndex.ofCharacters(List.of("ab")));
        assertThrows(IllegalArgumentException.class, () -> CharIndex.ofCharacters(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> CharIndex.of(List.of("a", "b")));
    }

    @Test
    void fromTokensOrdersByFrequencyAndDropsRareCharacters() {
        CharIndex index = CharIndex.fromTokens(List.of("banana", "bandana", "cab"), 2);
        // a: 7, n: 4, b: 3, d: 1 and c: 1 dropped.
        assertEquals(List.of(CharIndex.PAD, CharIndex.UNKNOWN, "a", "n", "b"), index.entries());
        assertArrayEquals(new int[] {4, 2, 1, 0}, index.encode("bad", 4));
        // Ties by code point.
        assertEquals(List.of(CharIndex.PAD, CharIndex.UNKNOWN, "x", "y"), CharIndex.fromTokens(List.of("yx"), 1).entries());
    }

    @Test
    void jsonRoundTrip() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(INDEX);
        assertEquals("[\"<pad>\",\"<unk>\",\"a\",\"b\",\"c\",\"d\",\"e\",\"A\"]", json);
        assertEquals(INDEX, mapper.readValue(json, CharIndex.class));
    }

    @Test
    void encodesAMinibatchAsTheEncoderReadsIt() {
        INDArray batch = INDEX.encode(List.of(List.of("ab", "c", "dead"), List.of("e")), 3, 2);
        assertEquals(DataType.FLOAT, batch.dataType());
        assertArrayEquals(new long[] {2, 3, 2}, batch.shape());
        // Sentence 0: "ab" in column 0, "c" in column 1; "dead" is past T = 2. Sentence 1: "e", then nothing.
        assertEquals(org.nd4j.linalg.factory.Nd4j.createFromArray(new float[][][] {
            {{2, 4}, {3, 0}, {0, 0}},
            {{6, 0}, {0, 0}, {0, 0}}}), batch);
    }
}
