package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnkit.config.CharEncoderConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** How words become character ids: alphabet, unknown characters, long words, the batch layout. */
class WordCharactersTest {

    private static CharEncoderConfig config(Integer maxWordLength, Integer alphabetSize) {
        return new CharEncoderConfig(null, null, null, maxWordLength, null, null, alphabetSize);
    }

    @Test
    void theAlphabetKeepsCaseAndMapsUnseenCharactersToUnknown() {
        WordCharacters chars = WordCharacters.fit(List.of("aab", "Ab"), config(10, null));
        // padding, unknown, then by frequency, ties by text: a (2), b (2), A (1)
        assertEquals(List.of(Vocabulary.PAD, Vocabulary.UNKNOWN, "a", "b", "A"), chars.alphabet().entries());
        assertArrayEquals(new int[] {4, 3, 1}, chars.encode("Abz"));
    }

    @Test
    void alphabetSizeKeepsTheMostFrequent() {
        WordCharacters chars = WordCharacters.fit(List.of("aab", "Ab"), config(10, 4));
        assertEquals(List.of(Vocabulary.PAD, Vocabulary.UNKNOWN, "a", "b"), chars.alphabet().entries());
        assertArrayEquals(new int[] {1, 3}, chars.encode("Ab"));
    }

    @Test
    void aLongWordKeepsItsStartAndItsEnd() {
        WordCharacters chars = WordCharacters.fit(List.of("abcdefgh"), config(5, null));
        int[] ids = chars.encode("abcdefgh");
        StringBuilder kept = new StringBuilder();
        for (int id : ids) {
            kept.append(chars.alphabet().entry(id));
        }
        assertEquals("abcgh", kept.toString()); // first ceil(5/2) = 3, last 2: the suffix survives
        assertEquals(3, chars.encode("abc").length);
    }

    @Test
    void batchesAreCharactersByTokenWithZeroPadding() {
        WordCharacters chars = WordCharacters.fit(List.of("ab", "b"), config(3, null));
        List<int[][]> sentences = List.of(chars.encode(List.of("ab", "b"), 2), chars.encode(List.of("b"), 1));
        INDArray t = chars.tensor(sentences, 2);
        assertArrayEquals(new long[] {2, 3, 2}, t.shape());
        int a = chars.alphabet().id("a");
        int b = chars.alphabet().id("b");
        assertEquals(a, t.getInt(0, 0, 0));
        assertEquals(b, t.getInt(0, 1, 0));
        assertEquals(0, t.getInt(0, 2, 0));
        assertEquals(b, t.getInt(0, 0, 1));
        assertEquals(0, t.getInt(1, 0, 1)); // the second sentence has one token
        assertEquals(b, t.getInt(1, 0, 0));
    }
}
