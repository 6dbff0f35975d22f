package dev.rnnkit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Iob1ToIob2ConverterTest {

    @Test
    void entityStartsBecomeBeginTagsInChunkAndNerColumns() {
        String iob1 = """
                -DOCSTART- -X- -X- O

                EU NNP I-NP I-ORG
                rejects VBZ I-VP O
                German JJ I-NP I-MISC
                call NN I-NP O
                """;
        String iob2 = """
                -DOCSTART- -X- -X- O

                EU NNP B-NP B-ORG
                rejects VBZ B-VP O
                German JJ B-NP B-MISC
                call NN I-NP O
                """;
        assertEquals(iob2, Iob1ToIob2Converter.convertText(iob1));
    }

    @Test
    void adjacentEntitiesOfOneTypeKeepTheirIob1BeginTagAndContinuationsStayInside() {
        String iob1 = "Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nJohn NNP B-NP B-PER\nSmith NNP I-NP I-PER\n"
                + "in IN I-PP O\nLondon NNP I-NP I-LOC\nParis NNP I-NP I-ORG\n";
        String iob2 = "Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\nJohn NNP B-NP B-PER\nSmith NNP I-NP I-PER\n"
                + "in IN B-PP O\nLondon NNP B-NP B-LOC\nParis NNP I-NP B-ORG\n";
        assertEquals(iob2, Iob1ToIob2Converter.convertText(iob1));
    }

    @Test
    void sentenceBoundaryResetsAndLineEndingsAreKept() {
        String iob1 = "Bonn NNP I-NP I-LOC\r\n\r\nBonn NNP I-NP I-LOC";
        assertEquals("Bonn NNP B-NP B-LOC\r\n\r\nBonn NNP B-NP B-LOC", Iob1ToIob2Converter.convertText(iob1));
    }

    @Test
    void convertWritesTheTargetFile(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("eng.testa");
        Path out = tmp.resolve("valid.txt");
        Files.writeString(in, "CRICKET NNP I-NP O\nLEICESTERSHIRE NNP I-NP I-ORG\n");
        Files.createFile(out);
        FileConverters.named("iob1-to-iob2").convert(List.of(in), out);
        assertEquals("CRICKET NNP B-NP O\nLEICESTERSHIRE NNP I-NP B-ORG\n", Files.readString(out));
    }
}
