package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnkit.config.TaggingDataConfig.TagScheme;
import dev.rnnkit.data.tagging.TagSchemes;
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
}
