package dev.rnnkit.data;

import static dev.rnnkit.data.Fixtures.config;
import static dev.rnnkit.data.Fixtures.rows;
import static dev.rnnkit.data.Fixtures.steps;
import static dev.rnnkit.data.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.text.TextClassificationState;
import dev.rnnkit.model.ClassCounts;
import dev.rnnkit.model.DataShape;
import dev.rnnkit.model.ModelBuildException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class TextClassificationPipelineTest {

    @TempDir
    Path dir;

    private static final String TRAIN = "sentence\tlabel\ngood movie\t1\nbad bad film\t0\ngood\t1\n";

    private RnnkitConfig sst(String input, String extra) {
        return sst(input, "{type: classification}", extra);
    }

    private RnnkitConfig sst(String input, String output, String extra) {
        return config("input: {type: " + input + "}\noutput: " + output + "\n"
                + "data:\n  train: train.tsv\n  validation: dev.tsv\n  shuffle: false\n" + extra);
    }

    private static final String COLUMNS = "  prefetch: 0\n  text: {text_column: sentence, label_column: label}\n";

    @Test
    void embeddingBatchesAreBucketedPaddedAndMaskedWithTrainingVocabulary() {
        write(dir, "train.tsv", TRAIN);
        write(dir, "dev.tsv", "sentence\tlabel\ngood film !\t1\n");
        PreparedData data = DataPipelines.prepare(sst("embedding", COLUMNS), dir);

        TextClassificationState state = data.artefact().textClassification();
        // counts: bad 2, good 2, film 1, movie 1 → ties broken by text; "!" only in dev → unknown.
        assertEquals(List.of("<pad>", "<unk>", "bad", "good", "film", "movie"), state.vocabulary().entries());
        assertEquals(List.of("0", "1"), state.labels().entries());
        assertEquals(new DataShape(6, null, 2, null, new ClassCounts(List.of("0", "1"), List.of(1L, 2L))), data.shape());

        org.nd4j.linalg.dataset.api.MultiDataSet train = data.train().next();
        assertFalse(data.train().hasNext());
        assertArrayEquals(new long[]{3, 1, 3}, train.getFeatures(0).shape());
        // Sorted by length inside the bucket: "good", "good movie", "bad bad film"; end-padded with 0.
        assertEquals("3 0 0", steps(train.getFeatures(0), 0));
        assertEquals("3 5 0", steps(train.getFeatures(0), 1));
        assertEquals("2 2 4", steps(train.getFeatures(0), 2));
        assertEquals("1 0 0 | 1 1 0 | 1 1 1", rows(train.getFeaturesMaskArray(0)));
        assertEquals("0 1 | 0 1 | 1 0", rows(train.getLabels(0)));
        assertNull(train.getLabelsMaskArray(0));

        org.nd4j.linalg.dataset.api.MultiDataSet dev = data.validation().next();
        assertEquals("3 4 1", steps(dev.getFeatures(0), 0));
        assertEquals("1 1 1", rows(dev.getFeaturesMaskArray(0)));
        assertEquals("0 1", rows(dev.getLabels(0)));
        assertNull(data.test());
        assertEquals("read 4 rows, skipped 0\nexamples: train 3, validation 1, test 0\n"
                + "vocabulary: 6 tokens (4 distinct in training); labels: 0, 1", data.summary().toString());
    }

    @Test
    void oneHotInputHasOneRowPerVocabularyEntryAndMaxLengthTruncates() {
        write(dir, "train.tsv", TRAIN);
        write(dir, "dev.tsv", "sentence\tlabel\ngood film !\t1\n");
        PreparedData data = DataPipelines.prepare(sst("one_hot",
                "  prefetch: 0\n  bucket_by_length: false\n  text: {text_column: sentence, label_column: label, max_length: 2}\n"), dir);
        org.nd4j.linalg.dataset.api.MultiDataSet dev = data.validation().next();
        assertArrayEquals(new long[]{1, 6, 2}, dev.getFeatures(0).shape());
        // "good film" after truncation: id 3 at t0, id 4 at t1.
        assertEquals("0 0 ; 0 0 ; 0 0 ; 1 0 ; 0 1 ; 0 0", steps(dev.getFeatures(0), 0));
        org.nd4j.linalg.dataset.api.MultiDataSet train = data.train().next();
        assertEquals("1 1 | 1 1 | 1 0", rows(train.getFeaturesMaskArray(0))); // file order without bucketing
    }

    @Test
    void seededSplitHoldsOutRowsAndFitsVocabularyOnTheRestOnly() {
        write(dir, "train.tsv", "text\tlabel\nalpha\ta\nbeta\tb\ngamma\ta\ndelta\tb\n");
        RnnkitConfig c = config("input: {type: embedding}\noutput: {type: classification}\n"
                + "data: {train: train.tsv, validation_split: 0.25, prefetch: 0}\n");
        PreparedData data = DataPipelines.prepare(c, dir);
        PreparedData again = DataPipelines.prepare(c, dir);
        assertEquals(3, data.batches().train().numExamples());
        assertEquals(1, data.batches().validation().numExamples());
        // 2 reserved + the 3 training words: the held-out word is not in the vocabulary.
        assertEquals(5, data.artefact().textClassification().vocabulary().size());
        assertEquals(data.artefact(), again.artefact()); // same seed, same split
    }

    @Test
    void regressionLabelsAreOneColumnOfValues() {
        write(dir, "train.tsv", "t\ty\nup up\t2.5\ndown\t-1\n");
        RnnkitConfig c = config("input: {type: embedding}\noutput: {type: regression}\n"
                + "data: {train: train.tsv, shuffle: false, bucket_by_length: false, prefetch: 0}\n");
        PreparedData data = DataPipelines.prepare(c, dir);
        assertEquals(new DataShape(4, null, null, 1), data.shape());
        assertEquals("2.5000 | -1", rows(data.train().next().getLabels(0)));
    }

    @Test
    void evaluationBatchesAreSortedByLengthSoThatPaddingStaysSmall() {
        write(dir, "train.tsv", TRAIN);
        String dev = "sentence\tlabel\nbad bad film\t0\ngood\t1\ngood movie\t1\n";
        write(dir, "dev.tsv", dev);
        RnnkitConfig c = sst("embedding", COLUMNS);
        org.nd4j.linalg.dataset.api.MultiDataSet validation = DataPipelines.prepare(c, dir).validation().next();
        assertEquals("1 0 0 | 1 1 0 | 1 1 1", rows(validation.getFeaturesMaskArray(0)));
        assertEquals("0 1 | 0 1 | 1 0", rows(validation.getLabels(0)));
        // The same for a labelled file scored with a fitted state (rnnkit evaluate).
        PreparedData data = DataPipelines.prepare(c, dir);
        org.nd4j.linalg.dataset.api.MultiDataSet scored = DataPipelines.labelled(c, data.artefact(), dir.resolve("dev.tsv")).next();
        assertEquals("1 0 0 | 1 1 0 | 1 1 1", rows(scored.getFeaturesMaskArray(0)));
    }

    @Test
    void wordDropoutReplacesTrainingTokensOnlyAndDiffersByEpoch() {
        StringBuilder train = new StringBuilder("sentence\tlabel\n");
        for (int i = 0; i < 20; i++) {
            train.append("good movie with a fine plot and cast\t1\n");
        }
        write(dir, "train.tsv", train.toString());
        write(dir, "dev.tsv", "sentence\tlabel\ngood movie with a fine plot and cast\t1\n");
        PreparedData data = DataPipelines.prepare(config("input: {type: embedding, word_dropout: 0.5}\noutput: {type: classification}\n"
                + "data:\n  train: train.tsv\n  validation: dev.tsv\n" + COLUMNS), dir);
        INDArray first = data.train().next().getFeatures(0);
        long unknown = first.eq(Vocabulary.UNKNOWN_ID).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
        long tokens = first.length();
        assertTrue(tokens >= 64, tokens + " tokens");
        // each token replaced with probability 0.5: within 4 standard deviations
        assertTrue(Math.abs(unknown - tokens / 2.0) < 2 * Math.sqrt(tokens), unknown + " of " + tokens + " tokens replaced");
        assertEquals(0, first.eq(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue(), "no padding is invented");
        data.train().reset();
        assertNotEquals(first, data.train().next().getFeatures(0));
        assertEquals(0, data.validation().next().getFeatures(0).eq(Vocabulary.UNKNOWN_ID).castTo(org.nd4j.linalg.api.buffer.DataType.INT)
                .sumNumber().longValue(), "validation batches keep every word");
    }

    @Test
    void prefetchingIteratorDeliversTheSameBatches() {
        write(dir, "train.tsv", TRAIN);
        write(dir, "dev.tsv", "sentence\tlabel\ngood film !\t1\n");
        org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator it = DataPipelines.prepare(sst("embedding", "  prefetch: 2\n  text: {text_column: 0, label_column: 1}\n"), dir).train();
        assertEquals("org.nd4j.linalg.dataset.AsyncMultiDataSetIterator", it.getClass().getName());
        assertTrue(it.hasNext()); // AsyncMultiDataSetIterator fetches in hasNext()
        assertEquals("0 1 | 0 1 | 1 0", rows(it.next().getLabels(0)));
        assertFalse(it.hasNext());
        it.reset();
        assertTrue(it.hasNext());
    }

    @Test
    void casingFeaturesComeFromTheWordsAsWrittenAfterPunctuationStripping() {
        write(dir, "train.tsv", "sentence\tlabel\nGood EU film !\tpos\nbad IBM-5\tneg\n");
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: embedding, word_features: [casing]}
                output: {type: classification}
                data:
                  train: train.tsv
                  shuffle: false
                  bucket_by_length: false
                  prefetch: 0
                  tokenizer: {lowercase: true, strip_punctuation: true}
                """), dir);
        TextClassificationState state = data.artefact().textClassification();
        assertEquals(List.of("<pad>", "<unk>", "bad", "eu", "film", "good", "ibm5"), state.vocabulary().entries());
        org.nd4j.linalg.dataset.api.MultiDataSet b = data.train().next();
        assertArrayEquals(new long[]{2, 9, 3}, b.getFeatures(0).shape());
        // Good EU film: initial_capital, all_upper, all_lower ("!" is stripped away)
        assertEquals("5 3 4 ; 0 0 1 ; 0 1 0 ; 1 0 0 ; 0 0 0 ; 0 0 0 ; 0 0 0 ; 0 0 0 ; 0 0 0", steps(b.getFeatures(0), 0));
        // bad IBM5: all_lower, contains_digit; then padding, zero everywhere
        assertEquals("2 6 0 ; 1 0 0 ; 0 0 0 ; 0 0 0 ; 0 0 0 ; 0 0 0 ; 0 1 0 ; 0 0 0 ; 0 0 0", steps(b.getFeatures(0), 1));
        assertEquals("1 1 1 | 1 1 0", rows(b.getFeaturesMaskArray(0)));
        assertEquals("5 4 ; 0 1 ; 1 0 ; 0 0 ; 0 0 ; 0 0 ; 0 0 ; 0 0 ; 0 0", steps(state.encode(List.of("GOOD film")).getFeatures(0), 0));
    }

    @Test
    void tailTruncationKeepsTheLastTokensWithTheirOwnFeaturesAndIsCountedPerSplit() {
        write(dir, "train.tsv", "sentence\tlabel\nGood EU film !\tpos\nbad IBM-5\tneg\n");
        write(dir, "dev.tsv", "sentence\tlabel\nA good film\tpos\nbad\tneg\n");
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: embedding, word_features: [casing]}
                output: {type: classification}
                data:
                  train: train.tsv
                  validation: dev.tsv
                  shuffle: false
                  bucket_by_length: false
                  prefetch: 0
                  tokenizer: {lowercase: true, strip_punctuation: true}
                  text: {max_length: 2, truncation: tail}
                """), dir);
        org.nd4j.linalg.dataset.api.MultiDataSet b = data.train().next();
        assertArrayEquals(new long[]{2, 9, 2}, b.getFeatures(0).shape());
        // "Good EU film" keeps "EU film": all_upper then all_lower, each beside its own id.
        assertEquals("3 4 ; 0 1 ; 1 0 ; 0 0 ; 0 0 ; 0 0 ; 0 0 ; 0 0 ; 0 0", steps(b.getFeatures(0), 0));
        // "bad IBM5" is within the limit and untouched.
        assertEquals("2 6 ; 1 0 ; 0 0 ; 0 0 ; 0 0 ; 0 0 ; 0 1 ; 0 0 ; 0 0", steps(b.getFeatures(0), 1));
        assertEquals("truncated to 2 tokens (tail): 1 of 2 training examples, 1 of 2 validation",
                data.summary().notes().get(data.summary().notes().size() - 1));
    }

    @Test
    void truncationCountsAreGroupedAndListEveryPresentSplit() {
        ReadLog log = new ReadLog(dev.rnnkit.config.DataConfig.OnError.FAIL);
        List<Integer> train = java.util.stream.IntStream.range(0, 67_349).boxed().toList();
        log.noteTruncated(64, dev.rnnkit.config.Truncation.HEAD, new Splits<>(train, List.of(1, 500, 2), List.of(1000)), i -> i < 312);
        assertEquals(List.of("truncated to 64 tokens (head): 312 of 67,349 training examples, 2 of 3 validation, 0 of 1 test"),
                log.summary(0, 0, 0).notes());
    }

    @Test
    void withoutMaxLengthTheSummaryHasNoTruncationNote() {
        write(dir, "train.tsv", TRAIN);
        write(dir, "dev.tsv", "sentence\tlabel\ngood film !\t1\n");
        assertTrue(DataPipelines.prepare(sst("embedding", COLUMNS), dir).summary().notes().stream()
                .noneMatch(n -> n.startsWith("truncated")));
    }

    @Test
    void classWeightsAreResolvedAgainstTheTrainingLabels() {
        // Labels 1, 0, 1 plus a row with no tokens left, which is not a training example and so not counted.
        write(dir, "train.tsv", TRAIN + "!!!\t0\n");
        write(dir, "dev.tsv", "sentence\tlabel\ngood\t1\n");
        String skip = COLUMNS + "  on_error: skip\n  tokenizer: {strip_punctuation: true}\n";
        PreparedData auto = DataPipelines.prepare(withWeights("auto", skip), dir);
        assertEquals(List.of(1L, 2L), auto.artefact().textClassification().labelCounts());
        assertTrue(auto.summary().notes().contains("class weights (auto): 0 1.5, 1 0.75"), auto.summary().toString());
        assertTrue(DataPipelines.prepare(withWeights("{1: 3}", skip), dir).summary().notes().contains("class weights (mapping): 0 1, 1 3"));

        ModelBuildException e = assertThrows(ModelBuildException.class, () -> DataPipelines.prepare(withWeights("[1, 2, 3]", skip), dir));
        assertEquals("output.class_weights: has 3 weights but the data has 2 classes (0, 1); give one weight per class, in label order",
                e.getMessage());
    }

    private RnnkitConfig withWeights(String weights, String extra) {
        return sst("embedding", "{type: classification, class_weights: " + weights + "}", extra);
    }
}
