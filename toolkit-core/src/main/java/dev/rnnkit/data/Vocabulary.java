package dev.rnnkit.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An indexed list of strings: token vocabularies (ids 0 = padding, 1 = unknown) and label sets.
 *
 * <p>Stored in the preprocessing artefact as the plain list, so index i is the i-th entry.
 */
public final class Vocabulary {

    /** Id of the padding token. */
    public static final int PAD_ID = 0;
    /** Id of the unknown token. */
    public static final int UNKNOWN_ID = 1;
    /** The padding token's text. */
    public static final String PAD = "<pad>";
    /** The unknown token's text. */
    public static final String UNKNOWN = "<unk>";

    private final List<String> entries;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> entries) {
        this.entries = List.copyOf(entries);
        this.ids = new HashMap<>(entries.size() * 2);
        for (int i = 0; i < this.entries.size(); i++) {
            if (ids.putIfAbsent(this.entries.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate entry '" + this.entries.get(i) + "'");
            }
        }
    }

    /** A vocabulary or label set from its entries in id order. */
    @JsonCreator
    public static Vocabulary of(List<String> entries) {
        return new Vocabulary(entries);
    }

    /**
     * A token vocabulary: padding and unknown first, then the most frequent tokens (ties by text).
     *
     * @param maxSize at most this many tokens besides the reserved two; null for no limit
     * @param minFreq tokens seen fewer times are left out
     */
    public static Vocabulary ofTokens(Map<String, Integer> counts, Integer maxSize, int minFreq) {
        return ofTokens(List.of(PAD, UNKNOWN), counts, maxSize, minFreq);
    }

    /**
     * A token vocabulary whose first ids are {@code reserved} (padding and unknown, then e.g. an end token),
     * followed by the most frequent tokens (ties by text).
     *
     * @param maxSize at most this many tokens besides the reserved ones; null for no limit
     * @param minFreq tokens seen fewer times are left out
     */
    public static Vocabulary ofTokens(List<String> reserved, Map<String, Integer> counts, Integer maxSize, int minFreq) {
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> tokens = new ArrayList<>(reserved);
        for (Map.Entry<String, Integer> e : sorted) {
            if (e.getValue() < minFreq || (maxSize != null && tokens.size() - reserved.size() >= maxSize)) {
                break;
            }
            if (!reserved.contains(e.getKey())) {
                tokens.add(e.getKey());
            }
        }
        return new Vocabulary(tokens);
    }

    /** A label set in natural order: numerically when every label is a number, else by text. */
    public static Vocabulary ofLabels(java.util.Collection<String> labels) {
        List<String> sorted = new ArrayList<>(new java.util.LinkedHashSet<>(labels));
        boolean numeric = sorted.stream().allMatch(s -> s.matches("-?\\d+(\\.\\d+)?"));
        sorted.sort(numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder());
        return new Vocabulary(sorted);
    }

    /** The entries in id order. */
    @JsonValue
    public List<String> entries() {
        return entries;
    }

    /** The number of entries (reserved tokens included). */
    public int size() {
        return entries.size();
    }

    /** The id of {@code s}, or -1 when absent. */
    public int id(String s) {
        Integer i = ids.get(s);
        return i == null ? -1 : i;
    }

    /** The id of a token, {@link #UNKNOWN_ID} when absent. */
    public int idOrUnknown(String token) {
        Integer i = ids.get(token);
        return i == null ? UNKNOWN_ID : i;
    }

    /** The entry with id {@code id}. */
    public String entry(int id) {
        return entries.get(id);
    }

    /** The ids of tokens, unknown ones mapped to {@link #UNKNOWN_ID}, at most {@code maxLength} (null: all). */
    public int[] encode(List<String> tokens, Integer maxLength) {
        int n = maxLength == null ? tokens.size() : Math.min(maxLength, tokens.size());
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idOrUnknown(tokens.get(i));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.size() <= 10 ? entries.toString() : entries.subList(0, 10) + "... (" + entries.size() + ")";
    }
}
