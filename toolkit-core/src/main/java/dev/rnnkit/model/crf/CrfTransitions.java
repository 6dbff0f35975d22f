package dev.rnnkit.model.crf;

import dev.rnnkit.eval.TagScheme;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which tag may follow which, and which tags may open or close a sentence, in a linear-chain CRF.
 *
 * <p>Tags are the indices {@code 0..numTags-1} of the CRF's output. A disallowed move gets a fixed large negative
 * score in the CRF, so no decoded path takes it and it carries no probability mass. Instances are immutable.
 */
public final class CrfTransitions {

    private final boolean[][] allowed;
    private final boolean[] allowedStart;
    private final boolean[] allowedEnd;

    /**
     * Transitions from explicit tables (copied).
     *
     * @param allowed      [numTags][numTags]: {@code allowed[i][j]} when tag j may directly follow tag i
     * @param allowedStart [numTags]: tags that may open a sentence
     * @param allowedEnd   [numTags]: tags that may close a sentence
     */
    public CrfTransitions(boolean[][] allowed, boolean[] allowedStart, boolean[] allowedEnd) {
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(allowedStart, "allowedStart");
        Objects.requireNonNull(allowedEnd, "allowedEnd");
        int n = allowed.length;
        if (n < 1 || allowedStart.length != n || allowedEnd.length != n) {
            throw new IllegalArgumentException("CRF transitions need [n][n], [n] and [n] tables with n >= 1; got "
                    + n + ", " + allowedStart.length + ", " + allowedEnd.length);
        }
        this.allowed = new boolean[n][];
        for (int i = 0; i < n; i++) {
            if (allowed[i] == null || allowed[i].length != n) {
                throw new IllegalArgumentException("CRF transition row " + i + " must have " + n + " entries");
            }
            this.allowed[i] = allowed[i].clone();
        }
        this.allowedStart = allowedStart.clone();
        this.allowedEnd = allowedEnd.clone();
    }

    /** Every transition, start and end allowed, for {@code numTags} tags. */
    public static CrfTransitions allowAll(int numTags) {
        if (numTags < 1) {
            throw new IllegalArgumentException("numTags must be >= 1, got " + numTags);
        }
        boolean[][] all = new boolean[numTags][numTags];
        for (boolean[] row : all) {
            Arrays.fill(row, true);
        }
        boolean[] ends = new boolean[numTags];
        Arrays.fill(ends, true);
        return new CrfTransitions(all, ends, ends);
    }

    /**
     * The well-formedness constraints of a tag scheme over the given tag labels.
     *
     * <p>IOB2: {@code I-X} only directly after {@code B-X} or {@code I-X}, never first. IOBES: {@code I-X} and
     * {@code E-X} only after {@code B-X} or {@code I-X} of the same type; after {@code B-X} or {@code I-X} only
     * {@code I-X} or {@code E-X}, and neither may end the sentence; the sentence opens with {@code O}, {@code B} or
     * {@code S}. IOB1 and PLAIN: everything allowed. {@code O} is the outside tag; a label that does not parse as a
     * tag of the scheme (a padding or unknown label, say) is unconstrained in both directions.
     *
     * @param tagLabels the label of each tag index, in index order
     * @param scheme    the tag scheme of the labels
     * @return the constraints
     */
    public static CrfTransitions forTags(List<String> tagLabels, TagScheme scheme) {
        Objects.requireNonNull(scheme, "scheme");
        int n = tagLabels.size();
        CrfTransitions all = allowAll(n);
        if (scheme != TagScheme.IOB2 && scheme != TagScheme.IOBES) {
            return all;
        }
        Tag[] tags = new Tag[n];
        for (int i = 0; i < n; i++) {
            tags[i] = Tag.parse(tagLabels.get(i), scheme);
        }
        boolean[][] allowed = all.allowed;
        boolean[] start = all.allowedStart;
        boolean[] end = all.allowedEnd;
        for (int j = 0; j < n; j++) {
            if (tags[j] == null) {
                continue;
            }
            start[j] = !tags[j].continues();
            end[j] = scheme == TagScheme.IOB2 || !tags[j].open();
            for (int i = 0; i < n; i++) {
                if (tags[i] != null) {
                    allowed[i][j] = follows(tags[i], tags[j], scheme);
                }
            }
        }
        return new CrfTransitions(allowed, start, end);
    }

    /** Whether {@code next} may directly follow {@code prev} (both parsed tags of the scheme). */
    private static boolean follows(Tag prev, Tag next, TagScheme scheme) {
        boolean sameChunk = prev.open() && prev.type().equals(next.type());
        if (next.continues()) {
            return sameChunk;
        }
        // IOB2 closes a chunk anywhere; IOBES only with E (or S for one token).
        return scheme == TagScheme.IOB2 || !prev.open();
    }

    /** A parsed tag: prefix letter ('O' for outside) and entity type. */
    private record Tag(char prefix, String type) {

        static Tag parse(String label, TagScheme scheme) {
            if ("O".equals(label)) {
                return new Tag('O', "");
            }
            if (label != null && label.length() > 2 && label.charAt(1) == '-' && scheme.prefixes().indexOf(label.charAt(0)) >= 0) {
                return new Tag(label.charAt(0), label.substring(2));
            }
            return null;
        }

        /** I or E: the tag continues a chunk opened before it. */
        boolean continues() {
            return prefix == 'I' || prefix == 'E';
        }

        /** B or I: a chunk is open after this tag (in IOBES it must still be closed). */
        boolean open() {
            return prefix == 'B' || prefix == 'I';
        }
    }

    /** The number of tags. */
    public int numTags() {
        return allowed.length;
    }

    /** Whether tag {@code to} may directly follow tag {@code from}. */
    public boolean isAllowed(int from, int to) {
        return allowed[from][to];
    }

    /** Whether a sentence may open with {@code tag}. */
    public boolean isAllowedStart(int tag) {
        return allowedStart[tag];
    }

    /** Whether a sentence may close with {@code tag}. */
    public boolean isAllowedEnd(int tag) {
        return allowedEnd[tag];
    }

    /** Whether nothing is forbidden. */
    public boolean allowsEverything() {
        for (int i = 0; i < allowed.length; i++) {
            if (!allowedStart[i] || !allowedEnd[i]) {
                return false;
            }
            for (boolean a : allowed[i]) {
                if (!a) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether a whole tag path (of any length; an empty one is valid) respects every constraint. */
    public boolean isValidPath(int[] path) {
        if (path.length == 0) {
            return true;
        }
        if (!allowedStart[path[0]] || !allowedEnd[path[path.length - 1]]) {
            return false;
        }
        for (int t = 1; t < path.length; t++) {
            if (!allowed[path[t - 1]][path[t]]) {
                return false;
            }
        }
        return true;
    }

    /** A copy of the [numTags][numTags] transition table. */
    public boolean[][] allowedTable() {
        boolean[][] copy = new boolean[allowed.length][];
        for (int i = 0; i < allowed.length; i++) {
            copy[i] = allowed[i].clone();
        }
        return copy;
    }

    /** A copy of the start table. */
    public boolean[] allowedStartTable() {
        return allowedStart.clone();
    }

    /** A copy of the end table. */
    public boolean[] allowedEndTable() {
        return allowedEnd.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrfTransitions other && Arrays.deepEquals(allowed, other.allowed)
                && Arrays.equals(allowedStart, other.allowedStart) && Arrays.equals(allowedEnd, other.allowedEnd);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.deepHashCode(allowed) + Arrays.hashCode(allowedStart)) + Arrays.hashCode(allowedEnd);
    }

    @Override
    public String toString() {
        int forbidden = 0;
        for (int i = 0; i < allowed.length; i++) {
            for (boolean a : allowed[i]) {
                forbidden += a ? 0 : 1;
            }
        }
        return "CrfTransitions[" + allowed.length + " tags, " + forbidden + " forbidden transitions]";
    }
}
