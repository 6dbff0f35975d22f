package dev.rnnkit.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RtPolaritySplitConverterTest {

    /** Twelve negative lines n0..n11 (one empty line, not counted) and eleven positive ones p0..p10. */
    private static final String NEGATIVE = "n0 \n\nn1\nn2\nn3\nn4\nn5\nn6\nn7\nn8\nn9\nn10\nn11\n";
    private static final String POSITIVE = "p0\np1\np2\np3\np4\np5\np6\np7\np8\np9\np10\n";

    @Test
    void linesGoToSplitsByIndexModTenAndRowsAlternateNegativeThenPositive() {
        assertEquals("sentence\tlabel\nn0\t0\np0\t1\nn10\t0\np10\t1\n", split("test").convertText(NEGATIVE, POSITIVE));
        assertEquals("sentence\tlabel\nn1\t0\np1\t1\nn11\t0\n", split("validation").convertText(NEGATIVE, POSITIVE));
        assertEquals("sentence\tlabel\n" + "n2\t0\np2\t1\nn3\t0\np3\t1\nn4\t0\np4\t1\nn5\t0\np5\t1\n"
                        + "n6\t0\np6\t1\nn7\t0\np7\t1\nn8\t0\np8\t1\nn9\t0\np9\t1\n",
                split("train").convertText(NEGATIVE, POSITIVE));
    }

    @Test
    void latin1IsDecodedLinesStrippedLikePythonAndTabsBecomeSpaces(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream neg = new ByteArrayOutputStream();
        // "caf\u00e9 \t bof . " then an empty line then an ellipsis (0x85) that starts a line and one inside a line
        neg.writeBytes(new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', '\t', ' ', 'b', 'o', 'f', ' ', '.', ' ', '\n'});
        neg.writeBytes(new byte[] {' ', '\r', '\n'});
        neg.writeBytes(new byte[] {(byte) 0x85, 'd', 'u', 'l', 'l', (byte) 0x85, 'l', 'o', 'n', 'g', (byte) 0xA0, '\n'});
        ByteArrayOutputStream pos = new ByteArrayOutputStream();
        pos.writeBytes(new byte[] {'\t', 'n', 'a', (byte) 0xEF, 'v', 'e', '\r', '\n'});
        pos.writeBytes(new byte[] {'f', 'u', 'n', (byte) 0x85}); // no final line end
        Path negFile = Files.write(tmp.resolve("rt-polarity.neg"), neg.toByteArray());
        Path posFile = Files.write(tmp.resolve("rt-polarity.pos"), pos.toByteArray());

        assertEquals("sentence\tlabel\ncaf\u00e9   bof .\t0\nna\u00efve\t1\n", convert("rt-polarity-test", negFile, posFile, tmp));
        assertArrayEquals(("sentence\tlabel\ndull\u0085long\t0\nfun\t1\n").getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(convertFile("rt-polarity-validation", negFile, posFile, tmp)));
        assertEquals("sentence\tlabel\n", convert("rt-polarity-train", negFile, posFile, tmp));
    }

    @Test
    void readsTwoFiles() {
        assertEquals(2, FileConverters.named("rt-polarity-train").inputs());
    }

    private static RtPolaritySplitConverter split(String name) {
        return (RtPolaritySplitConverter) FileConverters.named("rt-polarity-" + name);
    }

    private static String convert(String converter, Path neg, Path pos, Path tmp) throws Exception {
        return Files.readString(convertFile(converter, neg, pos, tmp), StandardCharsets.UTF_8);
    }

    private static Path convertFile(String converter, Path neg, Path pos, Path tmp) throws Exception {
        Path out = Files.createTempFile(tmp, converter, ".tsv");
        FileConverters.named(converter).convert(List.of(neg, pos), out);
        return out;
    }
}
