package dev.rnnkit.model.chars;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A character vocabulary that turns tokens into the padded character ids a {@link CharEncoder} reads.
 *
 * <p>Id 0 is padding and 1 the unknown character; every other id stands for one Unicode code point (not a
 * UTF-16 unit, so characters outside the Basic Multilingual Plane are one character). Stored, e.g. as JSON, as
 * the list of entries in id order: {@value #PAD}, {@value #UNKNOWN}, then one character per entry. Its
 * {@link #size()} is the encoder's nIn.
 *
 * <p>A token longer than L characters keeps its first ceil(L / 2) and its last floor(L / 2) characters: prefixes
 * and suffixes carry most of what characters tell a tagger (capitalisation, "-ing", "-burg", "Mc-"), so the
 * middle of a very long token (URLs, long compounds) is what goes. With the BiLSTM, the forward state then still
 * ends on the word's real ending and the backward state on its real beginning.
 */
public final class CharIndex {

    /** Id of padding (after a token's last character, and for absent tokens). */
    public static final int PAD_ID = 0;
    /** Id of a character not in the vocabulary. */
    public static final int UNKNOWN_ID = 1;
    /** The entry of id 0. */
    public static final String PAD = "<pad>";
    /** The entry of id 1. */
    public static final String UNKNOWN = "<unk>";

    private final List<String> entries;
    private final Map<Integer, Integer> ids;

    private CharIndex(List<String> entries) {
        if (entries.size() < 2 || !PAD.equals(entries.get(0)) || !UNKNOWN.equals(entries.get(1))) {
            throw new IllegalArgumentException("a character vocabulary starts with \"" + PAD + "\", \"" + UNKNOWN + "\"; got "
                    + entries.subList(0, Math.min(2, entries.size())));
        }
        this.entries = List.copyOf(entries);
        this.ids = new HashMap<>(entries.size() * 2);
        for (int i = 2; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (entry.codePointCount(0, entry.length()) != 1) {
                throw new IllegalArgumentException("character vocabulary entry " + i + " is not one character: \"" + entry + "\"");
            }
            if (ids.putIfAbsent(entry.codePointAt(0), i) != null) {
                throw new IllegalArgumentException("duplicate character vocabulary entry \"" + entry + "\"");
            }
        }
    }

    /** A vocabulary from its entries in id order ({@value #PAD}, {@value #UNKNOWN}, then one character each). */
    @JsonCreator
    public static CharIndex of(List<String> entries) {
        return new CharIndex(entries);
    }

    /** A vocabulary of the given characters (one code point each), with ids 2, 3, ... in their order. */
    public static CharIndex ofCharacters(List<String> characters) {
        List<String> entries = new ArrayList<>(characters.size() + 2);
        entries.add(PAD);
        entries.add(UNKNOWN);
        entries.addAll(characters);
        return new CharIndex(entries);
    }

    /**
     * The characters of {@code tokens} (e.g. a training set's), most frequent first (ties by code point), each
     * seen at least {@code minCount} times; the rest will read as unknown.
     */
    public static CharIndex fromTokens(Iterable<String> tokens, int minCount) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (String token : tokens) {
            token.codePoints().forEach(cp -> counts.merge(cp, 1, Integer::sum));
        }
        List<Map.Entry<Integer, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> characters = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : sorted) {
            if (e.getValue() >= minCount) {
                characters.add(Character.toString(e.getKey()));
            }
        }
        return ofCharacters(characters);
    }

    /** The entries in id order. */
    @JsonValue
    public List<String> entries() {
        return entries;
    }

    /** The number of ids, padding and unknown included: the encoder's nIn. */
    public int size() {
        return entries.size();
    }

    /** The id of a code point, {@link #UNKNOWN_ID} when absent. */
    public int id(int codePoint) {
        Integer id = ids.get(codePoint);
        return id == null ? UNKNOWN_ID : id;
    }

    /** The entry with id {@code id}. */
    public String entry(int id) {
        return entries.get(id);
    }

    /**
     * The ids of a token's characters, right-padded with 0 to {@code maxChars}; a longer token keeps its first
     * ceil(maxChars / 2) and last floor(maxChars / 2) characters. An empty token gives all zeros.
     */
    public int[] encode(String token, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive, got " + maxChars);
        }
        int[] codePoints = token.codePoints().toArray();
        int[] out = new int[maxChars];
        int n = codePoints.length;
        if (n <= maxChars) {
            for (int i = 0; i < n; i++) {
                out[i] = id(codePoints[i]);
            }
        } else {
            int head = (maxChars + 1) / 2;
            int tail = maxChars / 2;
            for (int i = 0; i < head; i++) {
                out[i] = id(codePoints[i]);
            }
            for (int i = 0; i < tail; i++) {
                out[head + i] = id(codePoints[n - tail + i]);
            }
        }
        return out;
    }

    /**
     * The encoder input for a minibatch: [sentences, maxChars, steps] (float), token t of sentence b in column t;
     * tokens from {@code steps} on are left out, and absent tokens are all padding.
     */
    public INDArray encode(List<? extends List<String>> sentences, int maxChars, int steps) {
        int batch = sentences.size();
        float[] values = new float[batch * maxChars * steps];
        for (int b = 0; b < batch; b++) {
            List<String> tokens = sentences.get(b);
            for (int t = 0; t < Math.min(steps, tokens.size()); t++) {
                int[] ids = encode(tokens.get(t), maxChars);
                for (int l = 0; l < maxChars; l++) {
                    values[(b * maxChars + l) * steps + t] = ids[l];
                }
            }
        }
        return Nd4j.create(values, new long[] {batch, maxChars, steps}, 'c').castTo(DataType.FLOAT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharIndex other && other.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.size() <= 12 ? entries.toString() : entries.subList(0, 12) + "... (" + entries.size() + ")";
    }
}
