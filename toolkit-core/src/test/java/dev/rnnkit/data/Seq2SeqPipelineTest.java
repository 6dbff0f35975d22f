package dev.rnnkit.data;

import static dev.rnnkit.data.Fixtures.config;
import static dev.rnnkit.data.Fixtures.rows;
import static dev.rnnkit.data.Fixtures.steps;
import static dev.rnnkit.data.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnkit.data.seq2seq.Seq2SeqState;
import dev.rnnkit.model.DataShape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Source/target pairs become exact id, one-hot and mask tensors; vocabularies come from training only. */
class Seq2SeqPipelineTest {

    @TempDir
    Path dir;

    private static String yaml(String input, String data) {
        return "input: {type: " + input + "}\n"
                + "output: {type: seq2seq, output_length: 4, decoder: [{cell_type: lstm, state_size: 4}]}\n"
                + "data:\n"
                + "  train: train.tsv\n"
                + "  shuffle: false\n"
                + "  bucket_by_length: false\n"
                + "  prefetch: 0\n"
                + "  tokenizer: {level: char}\n"
                + data;
    }

    private PreparedData prepare(String input, String data) {
        return DataPipelines.prepare(config(yaml(input, data)), dir);
    }

    @Test
    void idsOneHotLabelsAndMasksWithEndToken() {
        write(dir, "train.tsv", "ab\txy\nb\tx\n");
        PreparedData data = prepare("embedding", "");
        Seq2SeqState state = data.artefact().seq2seq();
        // b twice, a once; x twice, y once; </s> reserved at 2.
        assertEquals(List.of("<pad>", "<unk>", "b", "a"), state.source().entries());
        assertEquals(List.of("<pad>", "<unk>", "</s>", "x", "y"), state.target().entries());
        assertEquals(new DataShape(4, null, 5, null), data.shape());

        org.nd4j.linalg.dataset.api.MultiDataSet b = data.train().next();
        assertArrayEquals(new long[]{2, 1, 2}, b.getFeatures(0).shape());
        assertEquals("3 2", steps(b.getFeatures(0), 0));   // a b
        assertEquals("2 0", steps(b.getFeatures(0), 1));   // b, padded
        assertEquals("1 1 | 1 0", rows(b.getFeaturesMaskArray(0)));
        assertArrayEquals(new long[]{2, 5, 4}, b.getLabels(0).shape());
        // x y </s> = ids 3 4 2 over output_length 4; the last step is padding (all zero, masked)
        assertEquals("0 0 0 0 ; 0 0 0 0 ; 0 0 1 0 ; 1 0 0 0 ; 0 1 0 0", steps(b.getLabels(0), 0));
        assertEquals("0 0 0 0 ; 0 0 0 0 ; 0 1 0 0 ; 1 0 0 0 ; 0 0 0 0", steps(b.getLabels(0), 1));
        assertEquals("1 1 1 0 | 1 1 0 0", rows(b.getLabelsMaskArray(0)));
        assertEquals(5, data.batches().train().totalOutcomes());
        assertEquals(1, data.batches().train().inputColumns());
    }

    @Test
    void oneHotSourcesAreSourceVocabularyWide() {
        write(dir, "train.tsv", "ab\txy\nb\tx\n");
        PreparedData data = prepare("one_hot", "");
        org.nd4j.linalg.dataset.api.MultiDataSet b = data.train().next();
        assertArrayEquals(new long[]{2, 4, 2}, b.getFeatures(0).shape());
        assertEquals("0 0 ; 0 0 ; 0 1 ; 1 0", steps(b.getFeatures(0), 0)); // a then b
        assertEquals("0 0 ; 0 0 ; 1 0 ; 0 0", steps(b.getFeatures(0), 1)); // b, then an all-zero padded step
        assertEquals(4, data.batches().train().inputColumns());
    }

    @Test
    void vocabulariesComeFromTrainingOnlyAndUnknownsMapToOne() {
        write(dir, "train.tsv", "ab\txy\nb\tx\n");
        write(dir, "dev.tsv", "ca\tzy\n");
        PreparedData data = prepare("embedding", "  validation: dev.tsv\n");
        Seq2SeqState state = data.artefact().seq2seq();
        assertEquals(List.of("<pad>", "<unk>", "b", "a"), state.source().entries());
        assertEquals(List.of("<pad>", "<unk>", "</s>", "x", "y"), state.target().entries());
        org.nd4j.linalg.dataset.api.MultiDataSet v = data.validation().next();
        assertEquals("1 3", steps(v.getFeatures(0), 0));   // c unknown, a
        // z unknown (1), y (4), </s> (2)
        assertEquals("0 0 0 0 ; 1 0 0 0 ; 0 0 1 0 ; 0 0 0 0 ; 0 1 0 0", steps(v.getLabels(0), 0));
        assertEquals("1 1 1 0", rows(v.getLabelsMaskArray(0)));
        assertEquals(1, data.summary().validationExamples());
    }

    @Test
    void sourcesAreTruncatedToMaxLengthAndColumnsFollowTheHeader() {
        write(dir, "train.tsv", "id\tout\tin\n7\tx\tbbba\n");
        PreparedData data = prepare("embedding", "  seq2seq: {header: true, source_column: in, target_column: out, max_length: 2}\n");
        assertArrayEquals(new int[]{2, 2}, data.artefact().seq2seq().encodeSource("bbba"));
        assertEquals("2 2", steps(data.train().next().getFeatures(0), 0));
    }

    @Test
    void decodeStopsAtTheEndTokenAndInvertsEncode() {
        write(dir, "train.tsv", "4 mar\tfourth of march\n");
        PreparedData data = prepare("embedding", "  seq2seq: {target_tokenizer: {level: word}}\n");
        Seq2SeqState state = data.artefact().seq2seq();
        assertEquals(List.of("<pad>", "<unk>", "</s>", "fourth", "march", "of"), state.target().entries());
        assertEquals(List.of("<pad>", "<unk>", " ", "4", "a", "m", "r"), state.source().entries()); // the source stays char level
        assertArrayEquals(new int[]{3, 5, 2}, state.encodeTarget("fourth of"));
        assertEquals("fourth of", state.decodeIds(state.encodeTarget("fourth of")));
        assertEquals("march <unk>", state.decodeIds(state.encodeTarget("march fifth")));
        assertEquals("march", state.decodeIds(new int[]{4, 2, 5, 5}));   // nothing after </s>
        assertEquals("of", state.decodeIds(new int[]{5, 0, 3, 3}));      // nor after padding
        // A [b, V, T] output: argmax per step, read up to </s>.
        List<int[]> ids = List.of(new int[]{5, 4, 2, 3}, new int[]{3, 3, 3, 3});
        INDArray probabilities = Tensors.oneHotSequences(ids, state.target().size(), 4).muli(0.9).addi(0.01);
        assertEquals(List.of("of march", "fourth fourth fourth fourth"), state.decode(probabilities));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> state.decode(Nd4j.zeros(1, 3, 4)));
        assertEquals("expected an output [batch, 6, steps], got [1, 3, 4]", e.getMessage());
    }

    /** An attention decoder's batch: source ids, the decoder input (</s> then the target shifted right), target ids as labels. */
    @Test
    void teacherForcedBatchesShiftTheTargetRightBehindTheEndToken() throws Exception {
        write(dir, "train.tsv", "ab\txy\nb\tx\n");
        PreparedData data = DataPipelines.prepare(config(yaml("embedding", "").replace("decoder: [{cell_type: lstm, state_size: 4}]}",
                "decoder: [{cell_type: lstm, state_size: 4}], attention: {score: general}}")), dir);
        Seq2SeqState state = data.artefact().seq2seq();
        assertTrue(state.teacherForcing());
        org.nd4j.linalg.dataset.api.MultiDataSet b = data.train().next();
        assertEquals(2, b.numFeatureArrays());
        assertEquals("3 2", steps(b.getFeatures(0), 0));   // a b
        assertEquals("2 0", steps(b.getFeatures(0), 1));   // b, padded
        // Targets x y </s> and x </s> (ids 3 4 2, 3 2): the decoder reads </s> x y and </s> x; the labels are the targets.
        assertEquals("2 3 4", steps(b.getFeatures(1), 0));
        assertEquals("2 3 0", steps(b.getFeatures(1), 1));
        assertEquals("1 1 1 | 1 1 0", rows(b.getFeaturesMaskArray(1)));
        assertArrayEquals(new long[]{2, 1, 3}, b.getLabels(0).shape()); // ids, not one-hot: as long as the longest target
        assertEquals("3 4 2", steps(b.getLabels(0), 0));
        assertEquals("3 2 0", steps(b.getLabels(0), 1));
        assertEquals("1 1 1 | 1 1 0", rows(b.getLabelsMaskArray(0)));
        assertEquals(List.of("xy", "x"), state.decodeLabels(b.getLabels(0)));
        // Raw sources start the decoder with </s> alone; the state survives its file.
        Path file = dir.resolve("tf/preprocessing.json");
        data.artefact().save(file);
        org.nd4j.linalg.dataset.api.MultiDataSet raw = Preprocessing.load(file).seq2seq().encode(List.of("ba"));
        assertEquals("2", steps(raw.getFeatures(1), 0));
        assertEquals(0, raw.numLabelsArrays());
    }

    @Test
    void aSharedVocabularyCountsBothSidesAndServesBoth() {
        write(dir, "train.tsv", "ab\txa\nb\tx\n");
        Seq2SeqState state = prepare("embedding", "  seq2seq: {shared_vocabulary: true}\n").artefact().seq2seq();
        // a, b and x (each seen twice) in one list, after the target vocabulary's reserved ids.
        assertEquals(List.of("<pad>", "<unk>", "</s>"), state.target().entries().subList(0, 3));
        assertEquals(java.util.Set.of("a", "b", "x"), java.util.Set.copyOf(state.target().entries().subList(3, 6)));
        assertEquals(state.source(), state.target());
        assertEquals(state.target().id("a"), state.encodeSourceTokens(List.of("a"))[0]);
    }

    @Test
    void artefactRoundTripsAndEncodesNewSources() throws Exception {
        write(dir, "train.tsv", "ab\txy\nb\tx\n");
        Preprocessing saved = prepare("one_hot", "").artefact();
        Path file = dir.resolve("out/preprocessing.json");
        saved.save(file);
        Preprocessing loaded = Preprocessing.load(file);
        assertEquals(saved, loaded);
        org.nd4j.linalg.dataset.api.MultiDataSet features = loaded.seq2seq().encode(List.of("ba", "z"));
        assertEquals("0 0 ; 0 0 ; 1 0 ; 0 1", steps(features.getFeatures(0), 0));
        assertEquals("0 0 ; 1 0 ; 0 0 ; 0 0", steps(features.getFeatures(0), 1));
        assertEquals("1 1 | 1 0", rows(features.getFeaturesMaskArray(0)));
        assertEquals(0, features.numLabelsArrays()); // no labels for raw sources
    }

    @Test
    void configuredSizesMustBeTheVocabularies() {
        write(dir, "train.tsv", "ab\txy\nb\tx\n");
        DataFormatException source = assertThrows(DataFormatException.class, () -> DataPipelines.prepare(
                config(yaml("one_hot", "").replace("type: one_hot}", "type: one_hot, vocab_size: 6}")), dir));
        assertEquals("train.tsv: the training split gives 4 source tokens (reserved ids included) but input.vocab_size is 6; "
                + "one_hot features are as wide as the source vocabulary: omit input.vocab_size or set it to 4", source.getMessage());
        DataFormatException target = assertThrows(DataFormatException.class, () -> DataPipelines.prepare(
                config(yaml("embedding", "").replace("output_length: 4,", "output_length: 4, num_classes: 9,")), dir));
        assertEquals("train.tsv: the training split gives 5 target tokens (reserved ids included) but output.num_classes is 9; "
                + "the labels are as wide as the target vocabulary: omit output.num_classes or set it to 5", target.getMessage());
        // An embedding may be wider than the source vocabulary (ids beyond it are never used).
        assertEquals(new DataShape(4, null, 5, null), DataPipelines.prepare(
                config(yaml("embedding", "").replace("type: embedding}", "type: embedding, vocab_size: 6}")), dir).shape());
    }

    @Test
    void malformedRowsFailWithTheirLine() {
        Map<String, String> cases = Map.of(
                "ab\txy\nno tab here\n", "train.tsv:2: expected at least 2 columns, got 1",
                "ab\txy\nb\tx\nab\twxyz\n", "train.tsv:3: target has 4 tokens; output.output_length 4 allows at most 3 plus </s>",
                "ab\txy\n\tx\n", "train.tsv:2: empty source (no tokens)",
                "ab\t\n", "train.tsv:1: empty target (no tokens)");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            write(dir, "train.tsv", c.getKey());
            DataFormatException e = assertThrows(DataFormatException.class, () -> prepare("embedding", ""));
            assertEquals(c.getValue(), e.getMessage());
        }
    }

    @Test
    void malformedRowsAreCountedAndLeftOutOfTheVocabulariesWhenSkipped() {
        write(dir, "train.tsv", "ab\txy\nno tab here\nb\tx\nq\twxyz\n\tx\n");
        PreparedData data = prepare("embedding", "  on_error: skip\n");
        ReadSummary s = data.summary();
        assertEquals(5, s.rowsRead());
        assertEquals(Map.of("wrong column count", 1L, "target too long", 1L, "empty source", 1L), s.skippedByReason());
        assertEquals(List.of("train.tsv:2: expected at least 2 columns, got 1",
                "train.tsv:4: target has 4 tokens; output.output_length 4 allows at most 3 plus </s>",
                "train.tsv:5: empty source (no tokens)"), s.firstSkipped());
        assertEquals(2, s.trainExamples());
        // q and w, z of the skipped row are not in the vocabularies.
        assertEquals(List.of("<pad>", "<unk>", "b", "a"), data.artefact().seq2seq().source().entries());
        assertEquals(List.of("<pad>", "<unk>", "</s>", "x", "y"), data.artefact().seq2seq().target().entries());
    }

    private PreparedData prepareAligned(String data) {
        return DataPipelines.prepare(config(yaml("embedding", data + "  seq2seq: {source_lang: en, target_lang: fr}\n")
                .replace("train: train.tsv", "train: pairs/train")), dir);
    }

    @Test
    void lineAlignedFilesGiveTheSameExamplesAsTheEquivalentTsv() {
        write(dir, "train.tsv", "ab\txy\nb\tx\nba\tyx\n");
        write(dir, "pairs/train.en", "ab\nb\nba\n");
        write(dir, "pairs/train.fr", "xy\nx\nyx"); // no final newline
        PreparedData tsv = prepare("embedding", "");
        PreparedData aligned = prepareAligned("");
        assertEquals(tsv.artefact().seq2seq().source().entries(), aligned.artefact().seq2seq().source().entries());
        assertEquals(tsv.artefact().seq2seq().target().entries(), aligned.artefact().seq2seq().target().entries());
        org.nd4j.linalg.dataset.api.MultiDataSet a = tsv.train().next();
        org.nd4j.linalg.dataset.api.MultiDataSet b = aligned.train().next();
        assertEquals(a.getFeatures(0), b.getFeatures(0));
        assertEquals(a.getLabels(0), b.getLabels(0));
        assertEquals(a.getLabelsMaskArray(0), b.getLabelsMaskArray(0));
        assertEquals(3, aligned.summary().trainExamples());
    }

    @Test
    void lineAlignedFilesOfDifferentLengthsNameBoth() {
        write(dir, "pairs/train.en", "ab\nb\nba\n");
        write(dir, "pairs/train.fr", "xy\nx\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> prepareAligned(""));
        assertEquals("pairs/train.en:3: has more lines than pairs/train.fr, which ended after line 2; line-aligned files need the same"
                + " number of lines", e.getMessage());
        write(dir, "pairs/train.fr", "xy\nx\ny\nx\n");
        e = assertThrows(DataFormatException.class, () -> prepareAligned(""));
        assertEquals("pairs/train.fr:4: has more lines than pairs/train.en, which ended after line 3; line-aligned files need the same"
                + " number of lines", e.getMessage());
    }

    @Test
    void anEmptyLineOnEitherSideIsAMalformedRowNamedByItsFile() {
        write(dir, "pairs/train.en", "ab\n\nba\nb\n");
        write(dir, "pairs/train.fr", "xy\nx\nyx\n\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> prepareAligned(""));
        assertEquals("pairs/train.en:2: empty line (its pair in pairs/train.fr is left out with it)", e.getMessage());
        PreparedData data = prepareAligned("  on_error: skip\n");
        assertEquals(4, data.summary().rowsRead());
        assertEquals(List.of("pairs/train.en:2: empty line (its pair in pairs/train.fr is left out with it)",
                "pairs/train.fr:4: empty line (its pair in pairs/train.en is left out with it)"), data.summary().firstSkipped());
        assertEquals(2, data.summary().trainExamples());
        // A too-long target is named by the target file.
        write(dir, "pairs/train.en", "ab\nb\n");
        write(dir, "pairs/train.fr", "xy\nwxyz\n");
        e = assertThrows(DataFormatException.class, () -> prepareAligned(""));
        assertEquals("pairs/train.fr:2: target has 4 tokens; output.output_length 4 allows at most 3 plus </s>", e.getMessage());
    }

    @Test
    void lineAlignedFilesHoldOutAValidationSplitAndEvaluateStreamed() {
        StringBuilder en = new StringBuilder();
        StringBuilder fr = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            en.append("ab".repeat(1 + i % 3)).append('\n');
            fr.append("xy".substring(i % 2)).append('\n');
        }
        write(dir, "pairs/train.en", en.toString());
        write(dir, "pairs/train.fr", fr.toString());
        PreparedData data = prepareAligned("  validation_split: 0.25\n");
        assertEquals(15, data.summary().trainExamples());
        assertEquals(5, data.summary().validationExamples());
        var config = config(yaml("embedding", "  seq2seq: {source_lang: en, target_lang: fr}\n"));
        var labelled = dev.rnnkit.data.seq2seq.Seq2SeqPipeline.labelled(config, data.artefact().seq2seq(), dir.resolve("pairs/train"));
        int examples = 0;
        while (labelled.hasNext()) {
            examples += (int) labelled.next().getFeatures(0).size(0);
        }
        assertEquals(20, examples);
    }
}
