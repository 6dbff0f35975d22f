package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.config.DataConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Files read a line (and a pool of examples) at a time: the same lines as a whole read, and batches as needed. */
class StreamingReadTest {

    @TempDir
    Path dir;

    private static List<SourceLines.Line> lines(Path file, DataConfig.OnError policy) {
        try (Stream<SourceLines.Line> s = SourceLines.stream(file, "f.txt", new ReadLog(policy))) {
            return s.toList();
        }
    }

    @Test
    void linesAreReadAcrossBufferBoundariesWithTheirNumbers() throws IOException {
        String longLine = "x".repeat(200_000); // three read buffers
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = ("first\r\n" + longLine + "\n\nlast").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        Path file = Files.write(dir.resolve("f.txt"), all);
        List<SourceLines.Line> read = lines(file, DataConfig.OnError.FAIL);
        assertEquals(List.of("first", longLine, "", "last"), read.stream().map(SourceLines.Line::text).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L), read.stream().map(SourceLines.Line::number).toList());
        assertEquals(read, SourceLines.read(file, "f.txt", new ReadLog(DataConfig.OnError.FAIL)));
    }

    @Test
    void invalidUtf8IsNamedByLineOrSkipped() throws IOException {
        Path file = Files.write(dir.resolve("f.txt"), new byte[] {'a', '\n', (byte) 0xC3, (byte) 0x28, '\n', 'b', '\n'});
        DataFormatException e = assertThrows(DataFormatException.class, () -> lines(file, DataConfig.OnError.FAIL));
        assertEquals("f.txt:2: " + SourceLines.UTF8_EXPECTED, e.getMessage());
        assertEquals(List.of("a", "b"), lines(file, DataConfig.OnError.SKIP).stream().map(SourceLines.Line::text).toList());
    }

    @Test
    void aFolderOrMissingFileIsNamed() {
        assertEquals("d: is a folder; expected a file",
                assertThrows(DataFormatException.class, () -> SourceLines.stream(dir, "d", new ReadLog(DataConfig.OnError.FAIL))).getMessage());
        assertTrue(assertThrows(DataFormatException.class, () -> SourceLines.stream(dir.resolve("nope"), "nope",
                new ReadLog(DataConfig.OnError.FAIL))).getMessage().startsWith("nope: no such file"));
    }

    /** Examples are lengths; a batch is their sum in a 1-element array, so batches can be read back. */
    private static MultiDataSet encode(List<Integer> batch) {
        float[] values = new float[batch.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = batch.get(i);
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(Nd4j.create(values, new long[] {values.length, 1}), Nd4j.zeros(values.length, 1));
    }

    private static List<List<Integer>> drain(StreamingBatches<Integer> it) {
        List<List<Integer>> out = new ArrayList<>();
        while (it.hasNext()) {
            List<Integer> batch = new ArrayList<>();
            for (float v : it.next().getFeatures(0).toFloatVector()) {
                batch.add((int) v);
            }
            out.add(batch);
        }
        return out;
    }

    @Test
    void batchesAreSortedWithinPoolsAndEveryResetReadsAgain() {
        int batch = 2;
        int pool = batch * BatchIterator.POOL_BATCHES;
        // Lengths descending within each of the 2.5 pools, so that sorting shows.
        List<Integer> examples = IntStream.range(0, pool * 5 / 2).map(i -> 1000 - i % pool).boxed().toList();
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        StreamingBatches<Integer> it = new StreamingBatches<>(() -> {
            opened.incrementAndGet();
            return examples.stream().onClose(closed::incrementAndGet);
        }, batch, StreamingReadTest::encode, Integer::intValue, null, Path.of("f.txt"), "holds no usable examples");
        List<List<Integer>> first = drain(it);
        assertEquals(examples.size(), first.stream().mapToInt(List::size).sum());
        List<Integer> flat = first.stream().flatMap(List::stream).toList();
        for (int from = 0; from < flat.size(); from += pool) {
            List<Integer> part = flat.subList(from, Math.min(flat.size(), from + pool));
            assertEquals(part.stream().sorted().toList(), part, "pool from " + from + " is sorted");
        }
        assertEquals(examples.subList(0, pool).stream().sorted().toList(), flat.subList(0, pool), "a pool holds the next examples only");
        assertEquals(closed.get(), opened.get(), "a drained source is closed");
        it.reset();
        assertEquals(first, drain(it));
        assertEquals(2, opened.get(), "one open per pass (the first pass reads what the constructor opened)");
        assertFalse(it.hasNext());
    }

    @Test
    void theTokenCapSplitsStreamedBatches() {
        StreamingBatches<Integer> it = new StreamingBatches<>(() -> Stream.of(3, 1, 2, 2), 4, StreamingReadTest::encode,
                Integer::intValue, new BatchIterator.TokenCap<>(4, Integer::intValue), Path.of("f.txt"), "holds no usable examples");
        assertEquals(List.of(List.of(1, 2), List.of(2), List.of(3)), drain(it));
    }

    @Test
    void aFileWithoutExamplesIsNamed() {
        AtomicInteger closed = new AtomicInteger();
        DataFormatException e = assertThrows(DataFormatException.class, () -> new StreamingBatches<Integer>(
                () -> Stream.<Integer>empty().onClose(closed::incrementAndGet), 4, StreamingReadTest::encode, null, null, Path.of("empty.tsv"), "holds no usable examples"));
        assertEquals("empty.tsv: holds no usable examples", e.getMessage());
        assertEquals(1, closed.get());
    }
}
