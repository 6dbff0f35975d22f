package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;

/** The padded-token cap splits minibatches without losing, repeating or reordering examples, and is off by default. */
class BatchIteratorTest {

    static final int BATCH = 16;
    static final int CAP = 100;

    /** An example that is only an id and a length. */
    record Ex(int id, int length) {
    }

    @TempDir
    Path dir;

    /** 300 examples of 1-60 steps, and every 50th one longer than the cap. */
    static List<Ex> examples() {
        Random r = new Random(3);
        return IntStream.range(0, 300).mapToObj(i -> new Ex(i, i % 50 == 7 ? CAP + 1 + r.nextInt(100) : 1 + r.nextInt(60))).toList();
    }

    /** Every batch of {@code epochs} passes, as lists of examples; the iterator's batch count is checked on the way. */
    static List<List<Ex>> passes(boolean bucket, Random random, Integer cap, int epochs) {
        List<List<Ex>> seen = new ArrayList<>();
        BatchIterator<Ex> it = new BatchIterator<>(examples(), BATCH, part -> {
            seen.add(List.copyOf(part));
            return new org.nd4j.linalg.dataset.MultiDataSet();
        }, bucket ? Ex::length : null, random, 1, 1, null, cap == null ? null : new BatchIterator.TokenCap<>(cap, Ex::length));
        for (int e = 0; e < epochs; e++) {
            if (e > 0) {
                it.reset();
            }
            int before = seen.size();
            while (it.hasNext()) {
                it.next();
            }
            assertEquals(it.batchCount(), seen.size() - before);
        }
        return seen;
    }

    static long padded(List<Ex> batch) {
        return (long) batch.size() * batch.stream().mapToInt(Ex::length).max().orElse(0);
    }

    @ParameterizedTest(name = "bucketed {0}")
    @ValueSource(booleans = {true, false})
    void noBatchExceedsTheCapAndEveryExampleAppearsOncePerEpoch(boolean bucket) {
        List<List<Ex>> batches = passes(bucket, new Random(11), CAP, 1);
        for (List<Ex> b : batches) {
            assertTrue(padded(b) <= CAP || b.size() == 1, b + " holds " + padded(b) + " padded tokens");
        }
        assertTrue(batches.stream().anyMatch(b -> b.size() == 1 && padded(b) > CAP), "over-long examples form batches of one");
        assertEquals(examples(), batches.stream().flatMap(List::stream).sorted(java.util.Comparator.comparingInt(Ex::id)).toList());
        assertTrue(batches.size() > (examples().size() + BATCH - 1) / BATCH, "the cap split some batches");
    }

    @Test
    void splittingKeepsTheOrderWithinEachBatch() {
        // Without shuffling, the capped batches concatenate to the uncapped ones in the same order.
        assertEquals(passes(false, null, null, 1).stream().flatMap(List::stream).toList(),
                passes(false, null, CAP, 1).stream().flatMap(List::stream).toList());
    }

    @Test
    void theSameSeedGivesTheSameBatchesEveryEpoch() {
        List<List<Ex>> first = passes(true, new Random(11), CAP, 3);
        assertEquals(first, passes(true, new Random(11), CAP, 3));
        assertNotEquals(first, passes(true, new Random(12), CAP, 3));
    }

    @Test
    void withoutACapOrWithOneThatNeverBindsBatchesAreUnchanged() {
        List<List<Ex>> uncapped = passes(true, new Random(11), null, 3);
        assertEquals(3 * ((examples().size() + BATCH - 1) / BATCH), uncapped.size());
        int neverBinds = BATCH * examples().stream().mapToInt(Ex::length).max().orElseThrow();
        assertEquals(uncapped, passes(true, new Random(11), neverBinds, 3));
        List<List<Ex>> legacy = new ArrayList<>();
        new BatchIterator<>(examples(), BATCH, part -> {
            legacy.add(List.copyOf(part));
            return new org.nd4j.linalg.dataset.MultiDataSet();
        }, Ex::length, new Random(11), 1, 1).forEachRemaining(ds -> { });
        assertEquals(uncapped.subList(0, legacy.size()), legacy);
    }

    @Test
    void aCapBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BatchIterator.TokenCap<Ex>(0, Ex::length));
    }

    @Test
    void pipelinesApplyTheCapToTrainingAndEvaluationBatches() throws Exception {
        Fixtures.write(dir, "train.tsv", "sentence\tlabel\ngood movie\t1\nbad bad film\t0\ngood\t1\n");
        Fixtures.write(dir, "dev.tsv", "sentence\tlabel\nbad film\t0\ngood\t1\ngood bad film\t1\n");
        String yaml = "input: {type: embedding}\nencoder: [{cell_type: lstm, state_size: 4}]\noutput: {type: classification}\n"
                + "training: {batch_size: 8, max_batch_tokens: 4}\ndata: {train: train.tsv, validation: dev.tsv, prefetch: 0}\n";
        PreparedData data = DataPipelines.prepare(ConfigLoader.parse(yaml, "test.yaml", List.of()), dir);
        // Sorted by length 1, 2, 3: [good, good movie] pads to 2 × 2 = 4; adding the 3-token text would pad to 9.
        assertEquals(2, data.batches().train().batchCount());
        assertEquals(List.of(2L, 3L), masks(data.batches().validation()));
        assertEquals(List.of(2L, 3L), masks(DataPipelines.labelled(ConfigLoader.parse(yaml, "test.yaml", List.of()),
                data.artefact(), dir.resolve("dev.tsv"))));
    }

    /** The padded width of each batch. */
    private static List<Long> masks(org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator it) {
        List<Long> widths = new ArrayList<>();
        it.forEachRemaining(ds -> widths.add(ds.getFeaturesMaskArray(0).size(1)));
        return widths;
    }
}
