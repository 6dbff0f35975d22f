package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnkit.config.TaggingDataConfig.TagErrors;
import dev.rnnkit.config.TaggingDataConfig.TagScheme;
import dev.rnnkit.data.tagging.TagSchemes;
import dev.rnnkit.data.tagging.TagSchemes.Repair;
import dev.rnnkit.data.tagging.TagSchemes.RepairKind;
import dev.rnnkit.data.tagging.TagSchemes.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagSchemesTest {

    private static List<String> tags(String s) {
        return List.of(s.split(" "));
    }

    @Test
    void convertsBetweenSchemes() throws Exception {
        List<String> iob1 = tags("I-PER I-PER B-PER O I-LOC I-ORG");
        assertEquals(tags("B-PER I-PER B-PER O B-LOC B-ORG"), TagSchemes.convert(iob1, TagScheme.IOB1, TagScheme.IOB2));
        assertEquals(tags("B-PER E-PER S-PER O S-LOC S-ORG"), TagSchemes.convert(iob1, TagScheme.IOB1, TagScheme.IOBES));
        assertEquals(iob1, TagSchemes.convert(tags("B-PER E-PER S-PER O S-LOC S-ORG"), TagScheme.IOBES, TagScheme.IOB1));
        assertEquals(tags("B-MISC I-MISC I-MISC O"), TagSchemes.convert(tags("B-MISC I-MISC E-MISC O"), TagScheme.IOBES, TagScheme.IOB2));
    }

    @Test
    void reportsTheOffendingTag() {
        TagSchemes.Violation v = assertThrows(TagSchemes.Violation.class,
                () -> TagSchemes.read(tags("B-PER I-PER O"), TagScheme.IOBES));
        assertEquals(2, v.index());
        assertEquals("tag 'O' follows 'I-PER'; in iobes an open entity continues with I-PER or ends with E-PER", v.getMessage());
        v = assertThrows(TagSchemes.Violation.class, () -> TagSchemes.read(tags("B-LOC I-PER"), TagScheme.IOB2));
        assertEquals("tag 'I-PER' follows 'B-LOC'; in iob2 an entity starts with B-", v.getMessage());
        v = assertThrows(TagSchemes.Violation.class, () -> TagSchemes.read(tags("O S-PER E-PER"), TagScheme.IOBES));
        assertEquals(2, v.index());
    }

    private static TagSchemes.Reading repaired(String tags, TagScheme scheme) throws TagSchemes.Violation {
        return TagSchemes.read(tags(tags), scheme, TagErrors.REPAIR);
    }

    private static TagSchemes.Violation strict(String tags, TagScheme scheme) {
        return assertThrows(TagSchemes.Violation.class, () -> TagSchemes.read(tags(tags), scheme, TagErrors.STRICT));
    }

    @Test
    void iob2RepairReadsAnIWithoutAnOpenEntityAsItsStart() throws Exception {
        // I-PER after O, I-LOC after B-PER: each starts an entity, as conlleval reads them.
        TagSchemes.Reading r = repaired("O I-PER I-PER B-PER I-LOC O", TagScheme.IOB2);
        assertEquals(List.of(new Span(1, 3, "PER"), new Span(3, 4, "PER"), new Span(4, 5, "LOC")), r.spans());
        assertEquals(List.of(new Repair(1, RepairKind.I_STARTS_ENTITY), new Repair(4, RepairKind.I_STARTS_ENTITY)), r.repairs());
        assertEquals(tags("O B-PER I-PER B-PER B-LOC O"), TagSchemes.write(r.spans(), 6, TagScheme.IOB2));
        // Also at the sentence start, where nothing is open.
        assertEquals(List.of(new Repair(0, RepairKind.I_STARTS_ENTITY)), repaired("I-ORG", TagScheme.IOB2).repairs());

        // strict: the same tags are violations, at the first one.
        assertEquals(1, strict("O I-PER I-PER B-PER I-LOC O", TagScheme.IOB2).index());
        TagSchemes.Violation v = strict("B-PER I-LOC", TagScheme.IOB2);
        assertEquals(1, v.index());
        assertEquals("tag 'I-LOC' follows 'B-PER'; in iob2 an entity starts with B-", v.getMessage());
    }

    @Test
    void wellFormedTagsNeedNoRepair() throws Exception {
        for (String tags : List.of("B-PER I-PER O B-LOC B-LOC I-LOC", "O O")) {
            TagSchemes.Reading r = repaired(tags, TagScheme.IOB2);
            assertEquals(List.of(), r.repairs(), tags);
            assertEquals(TagSchemes.read(tags(tags), TagScheme.IOB2), r.spans(), tags);
        }
        assertEquals(List.of(), repaired("B-PER I-PER E-PER S-LOC O B-ORG E-ORG", TagScheme.IOBES).repairs());
        // In iob1 an I-X after O starts an entity by definition: nothing to repair.
        assertEquals(List.of(), repaired("O I-PER I-LOC", TagScheme.IOB1).repairs());
    }

    @Test
    void iobesRepairStartsOrphansAndClosesEntitiesWhereTheyStop() throws Exception {
        // I-PER after O starts PER, which E-PER ends: one repair.
        TagSchemes.Reading r = repaired("O I-PER E-PER O", TagScheme.IOBES);
        assertEquals(List.of(new Span(1, 3, "PER")), r.spans());
        assertEquals(List.of(new Repair(1, RepairKind.I_STARTS_ENTITY)), r.repairs());

        // B-PER I-PER then O: the entity ends at Smith; E-LOC after O is a one-token LOC.
        r = repaired("B-PER I-PER O E-LOC O", TagScheme.IOBES);
        assertEquals(List.of(new Span(0, 2, "PER"), new Span(3, 4, "LOC")), r.spans());
        assertEquals(List.of(new Repair(1, RepairKind.ENTITY_LEFT_OPEN), new Repair(3, RepairKind.E_STARTS_ENTITY)), r.repairs());
        assertEquals(tags("B-PER E-PER O S-LOC O"), TagSchemes.write(r.spans(), 5, TagScheme.IOBES));

        // I-LOC after B-PER: PER is closed (left open) and I-LOC starts LOC, which the sentence end closes.
        r = repaired("B-PER I-LOC I-LOC", TagScheme.IOBES);
        assertEquals(List.of(new Span(0, 1, "PER"), new Span(1, 3, "LOC")), r.spans());
        assertEquals(List.of(new Repair(0, RepairKind.ENTITY_LEFT_OPEN), new Repair(1, RepairKind.I_STARTS_ENTITY),
                new Repair(2, RepairKind.ENTITY_LEFT_OPEN)), r.repairs());

        // An entity followed by B- or S- of its own type is closed before it.
        r = repaired("B-PER B-PER E-PER S-PER", TagScheme.IOBES);
        assertEquals(List.of(new Span(0, 1, "PER"), new Span(1, 3, "PER"), new Span(3, 4, "PER")), r.spans());
        assertEquals(List.of(new Repair(0, RepairKind.ENTITY_LEFT_OPEN)), r.repairs());

        // Unterminated at the sentence end.
        r = repaired("O B-MISC I-MISC", TagScheme.IOBES);
        assertEquals(List.of(new Span(1, 3, "MISC")), r.spans());
        assertEquals(List.of(new Repair(2, RepairKind.ENTITY_LEFT_OPEN)), r.repairs());
        assertEquals(tags("O B-MISC I-MISC"), TagSchemes.write(r.spans(), 3, TagScheme.IOB2));

        // strict rejects each of these.
        assertEquals(1, strict("O I-PER E-PER O", TagScheme.IOBES).index());
        assertEquals(2, strict("B-PER I-PER O E-LOC O", TagScheme.IOBES).index());
        assertEquals(1, strict("B-PER I-LOC I-LOC", TagScheme.IOBES).index());
        TagSchemes.Violation v = strict("O B-MISC I-MISC", TagScheme.IOBES);
        assertEquals(2, v.index());
        assertEquals("the sentence ends inside entity 'I-MISC'; in iobes an entity ends with E- or is S-", v.getMessage());
    }

    @Test
    void malformedTagsAreErrorsInBothModes() {
        for (TagErrors errors : TagErrors.values()) {
            for (TagScheme scheme : TagScheme.values()) {
                TagSchemes.Violation v = assertThrows(TagSchemes.Violation.class,
                        () -> TagSchemes.read(tags("B-PER PER"), scheme, errors), errors + " " + scheme);
                assertEquals(1, v.index());
            }
            assertEquals("tag 'X-PER' is not iob2: expected O or B-/I- followed by a type",
                    assertThrows(TagSchemes.Violation.class, () -> TagSchemes.read(tags("O X-PER"), TagScheme.IOB2, errors)).getMessage());
            // E- and S- are not iob2 prefixes: no repair reads them.
            assertThrows(TagSchemes.Violation.class, () -> TagSchemes.read(tags("O E-PER"), TagScheme.IOB2, errors));
            assertThrows(TagSchemes.Violation.class, () -> TagSchemes.read(tags("B-"), TagScheme.IOBES, errors));
        }
    }
}
