package dev.rnnkit.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads entity spans out of a tag sequence with the chunk boundary rules of conlleval.
 *
 * <p>For {@code B}/{@code I}/{@code O} tags the rules are conlleval's exactly (and seqeval's default
 * mode): a chunk starts at any {@code B-X}, at an {@code I-X} after {@code O}, and wherever the type
 * changes; it ends before {@code B}, before {@code O} and wherever the type changes. So IOB1 and IOB2
 * share one rule set, and an ill-formed {@code I-X} after {@code O} still opens a chunk. conlleval has no
 * {@code S} tag; for IOBES this follows seqeval's extension of the same rules ({@code S-X} is a chunk of
 * its own, a chunk ends after {@code E-X}).
 */
public final class EntityChunker {

    private static final char OUTSIDE = 'O';

    private EntityChunker() {
    }

    /**
     * The chunks of one sentence, in order.
     *
     * @throws IllegalArgumentException naming the token when a tag does not fit the scheme
     */
    public static List<EntitySpan> spans(List<String> tags, TagScheme scheme) {
        List<EntitySpan> spans = new ArrayList<>();
        char prevPrefix = OUTSIDE;
        String prevType = "";
        int begin = 0;
        // One virtual O after the last token closes a chunk that runs to the sentence end.
        for (int i = 0; i <= tags.size(); i++) {
            char prefix = OUTSIDE;
            String type = "";
            if (i < tags.size()) {
                String tag = tags.get(i);
                if (!"O".equals(tag)) {
                    prefix = prefixOf(tag, scheme, i);
                    type = scheme == TagScheme.PLAIN ? tag : tag.substring(2);
                }
            }
            if (endsChunk(prevPrefix, prefix, prevType, type)) {
                spans.add(new EntitySpan(prevType, begin, i));
            }
            if (startsChunk(prevPrefix, prefix, prevType, type)) {
                begin = i;
            }
            prevPrefix = prefix;
            prevType = type;
        }
        return spans;
    }

    private static char prefixOf(String tag, TagScheme scheme, int index) {
        if (scheme == TagScheme.PLAIN) {
            // conlleval -r: a raw tag X reads as I-X.
            return 'I';
        }
        boolean ok = tag.length() > 2 && tag.charAt(1) == '-' && scheme.prefixes().indexOf(tag.charAt(0)) >= 0;
        if (!ok) {
            throw new IllegalArgumentException("token " + index + ": tag '" + tag + "' does not fit scheme " + scheme
                    + " (expected O or " + String.join(", ", scheme.prefixes().chars()
                    .mapToObj(p -> (char) p + "-TYPE").toList()) + ")");
        }
        return tag.charAt(0);
    }

    /** Whether the chunk holding the previous token ends before the current one. */
    static boolean endsChunk(char prev, char cur, String prevType, String type) {
        if (prev == OUTSIDE) {
            return false;
        }
        if (prev == 'E' || prev == 'S') {
            return true;
        }
        if (cur == 'B' || cur == 'S' || cur == OUTSIDE) {
            return true;
        }
        return !prevType.equals(type);
    }

    /** Whether a chunk starts at the current token. */
    static boolean startsChunk(char prev, char cur, String prevType, String type) {
        if (cur == OUTSIDE) {
            return false;
        }
        if (cur == 'B' || cur == 'S') {
            return true;
        }
        // cur is I or E: it continues a chunk only after B or I of the same type.
        if (prev == OUTSIDE || prev == 'E' || prev == 'S') {
            return true;
        }
        return !prevType.equals(type);
    }
}
