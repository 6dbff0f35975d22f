package dev.rnnkit.model.crf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.eval.EntityChunker;
import dev.rnnkit.eval.TagScheme;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tag-scheme constraints of {@link CrfTransitions#forTags}. */
class CrfTransitionsTest {

    static final List<String> IOB2 = List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC");
    static final List<String> IOBES = List.of("O", "B-PER", "I-PER", "E-PER", "S-PER", "B-LOC", "I-LOC", "E-LOC", "S-LOC");

    private static int at(List<String> labels, String tag) {
        return labels.indexOf(tag);
    }

    private static boolean allowed(CrfTransitions t, List<String> labels, String from, String to) {
        return t.isAllowed(at(labels, from), at(labels, to));
    }

    @Test
    void iob2InsideOnlyContinuesItsOwnType() {
        CrfTransitions t = CrfTransitions.forTags(IOB2, TagScheme.IOB2);
        assertTrue(allowed(t, IOB2, "B-PER", "I-PER"));
        assertTrue(allowed(t, IOB2, "I-PER", "I-PER"));
        assertFalse(allowed(t, IOB2, "O", "I-PER"));
        assertFalse(allowed(t, IOB2, "B-LOC", "I-PER"));
        assertFalse(allowed(t, IOB2, "I-LOC", "I-PER"));
        // Anything may close a chunk, and B/O may follow anything.
        for (String from : IOB2) {
            assertTrue(allowed(t, IOB2, from, "O"), from + " -> O");
            assertTrue(allowed(t, IOB2, from, "B-LOC"), from + " -> B-LOC");
            assertTrue(t.isAllowedEnd(at(IOB2, from)), from + " ends");
        }
        assertFalse(t.isAllowedStart(at(IOB2, "I-PER")));
        assertFalse(t.isAllowedStart(at(IOB2, "I-LOC")));
        assertTrue(t.isAllowedStart(at(IOB2, "B-PER")));
        assertTrue(t.isAllowedStart(at(IOB2, "O")));
        assertEquals(6, countForbidden(t));
    }

    @Test
    void iobesChunksMustBeClosedWithEnd() {
        CrfTransitions t = CrfTransitions.forTags(IOBES, TagScheme.IOBES);
        assertTrue(allowed(t, IOBES, "B-PER", "I-PER"));
        assertTrue(allowed(t, IOBES, "B-PER", "E-PER"));
        assertTrue(allowed(t, IOBES, "I-PER", "E-PER"));
        assertTrue(allowed(t, IOBES, "E-PER", "B-LOC"));
        assertTrue(allowed(t, IOBES, "S-PER", "S-LOC"));
        assertTrue(allowed(t, IOBES, "O", "S-PER"));
        assertFalse(allowed(t, IOBES, "B-PER", "O"));
        assertFalse(allowed(t, IOBES, "I-PER", "B-LOC"));
        assertFalse(allowed(t, IOBES, "B-PER", "S-PER"));
        assertFalse(allowed(t, IOBES, "B-PER", "I-LOC"));
        assertFalse(allowed(t, IOBES, "B-PER", "B-PER"));
        assertFalse(allowed(t, IOBES, "O", "E-PER"));
        assertFalse(allowed(t, IOBES, "E-PER", "I-PER"));
        assertFalse(allowed(t, IOBES, "S-PER", "E-PER"));
        for (String tag : IOBES) {
            char p = tag.charAt(0);
            assertEquals(p == 'O' || p == 'B' || p == 'S', t.isAllowedStart(at(IOBES, tag)), tag + " starts");
            assertEquals(p == 'O' || p == 'E' || p == 'S', t.isAllowedEnd(at(IOBES, tag)), tag + " ends");
        }
    }

    /** A path is allowed exactly when it is well formed: every chunk the chunker reads is spelled canonically. */
    @Test
    void iobesPathsAreAllowedExactlyWhenWellFormed() {
        List<String> labels = List.of("O", "B-X", "I-X", "E-X", "S-X", "B-Y", "E-Y");
        CrfTransitions t = CrfTransitions.forTags(labels, TagScheme.IOBES);
        int checked = 0;
        for (int length = 1; length <= 4; length++) {
            for (int[] path : BruteForce.paths(length, labels.size(), CrfTransitions.allowAll(labels.size()))) {
                List<String> tags = new ArrayList<>();
                for (int y : path) {
                    tags.add(labels.get(y));
                }
                assertEquals(wellFormedIobes(tags), t.isValidPath(path), tags.toString());
                checked++;
            }
        }
        assertEquals(7 + 49 + 343 + 2401, checked);
    }

    /** Re-spells the chunks found by the chunker canonically and compares. */
    private static boolean wellFormedIobes(List<String> tags) {
        String[] canonical = new String[tags.size()];
        java.util.Arrays.fill(canonical, "O");
        for (var span : EntityChunker.spans(tags, TagScheme.IOBES)) {
            int len = span.end() - span.start();
            for (int i = span.start(); i < span.end(); i++) {
                char p = len == 1 ? 'S' : i == span.start() ? 'B' : i == span.end() - 1 ? 'E' : 'I';
                canonical[i] = p + "-" + span.type();
            }
        }
        return List.of(canonical).equals(tags);
    }

    @Test
    void iob1PlainAndUnparseableLabelsAreUnconstrained() {
        assertTrue(CrfTransitions.forTags(IOB2, TagScheme.IOB1).allowsEverything());
        assertTrue(CrfTransitions.forTags(List.of("PER", "LOC", "O"), TagScheme.PLAIN).allowsEverything());
        List<String> withPad = List.of("<PAD>", "O", "B-PER", "I-PER");
        CrfTransitions t = CrfTransitions.forTags(withPad, TagScheme.IOB2);
        for (int i = 0; i < withPad.size(); i++) {
            assertTrue(t.isAllowed(0, i));
            assertTrue(t.isAllowed(i, 0));
        }
        assertTrue(t.isAllowedStart(0));
        assertFalse(t.isAllowed(1, 3));
        assertFalse(t.isAllowedStart(3));
        // An IOBES-only prefix does not parse under IOB2, so S-PER is unconstrained even before I-PER.
        CrfTransitions iob2 = CrfTransitions.forTags(List.of("O", "S-PER", "I-PER"), TagScheme.IOB2);
        assertTrue(iob2.isAllowed(0, 1));
        assertTrue(iob2.isAllowed(1, 2));
        assertFalse(iob2.isAllowed(0, 2));
    }

    @Test
    void tablesAreCheckedAndCopied() {
        assertThrows(IllegalArgumentException.class, () -> new CrfTransitions(new boolean[2][3], new boolean[2], new boolean[2]));
        assertThrows(IllegalArgumentException.class, () -> new CrfTransitions(new boolean[2][2], new boolean[1], new boolean[2]));
        boolean[][] table = {{true, false}, {true, true}};
        CrfTransitions t = new CrfTransitions(table, new boolean[] {true, true}, new boolean[] {true, true});
        table[0][1] = true;
        assertFalse(t.isAllowed(0, 1));
        t.allowedTable()[0][1] = true;
        assertFalse(t.isAllowed(0, 1));
        assertEquals(t, new CrfTransitions(new boolean[][] {{true, false}, {true, true}}, new boolean[] {true, true},
                new boolean[] {true, true}));
    }

    private static int countForbidden(CrfTransitions t) {
        int n = 0;
        for (int i = 0; i < t.numTags(); i++) {
            for (int j = 0; j < t.numTags(); j++) {
                n += t.isAllowed(i, j) ? 0 : 1;
            }
        }
        return n;
    }
}
