package dev.rnnkit.data;

import static dev.rnnkit.data.Fixtures.config;
import static dev.rnnkit.data.Fixtures.rows;
import static dev.rnnkit.data.Fixtures.steps;
import static dev.rnnkit.data.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.tagging.TaggingState;
import dev.rnnkit.model.ClassCounts;
import dev.rnnkit.model.DataShape;
import dev.rnnkit.model.ModelBuildException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class TaggingPipelineTest {

    @TempDir
    Path dir;

    @Test
    void conllSentencesBecomeOneHotTagsWithMasksInTheTrainingScheme() {
        write(dir, "train.txt", """
                -DOCSTART- -X- -X- O

                EU NNP B-NP B-ORG
                rejects VBZ B-VP O
                German JJ B-NP B-MISC
                \t\s
                Peter NNP B-NP B-PER
                Blackburn NNP I-NP I-PER
                """);
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: embedding}
                output: {type: tagging}
                data:
                  train: train.txt
                  shuffle: false
                  prefetch: 0
                  tagging: {input_scheme: iob2, scheme: iobes}
                """), dir);
        TaggingState state = data.artefact().tagging();
        assertEquals(List.of("O", "B-PER", "E-PER", "S-MISC", "S-ORG"), state.tags().entries());
        assertEquals(List.of("<pad>", "<unk>", "Blackburn", "EU", "German", "Peter", "rejects"), state.vocabulary().entries());
        assertEquals(new DataShape(7, null, 5, null, new ClassCounts(state.tags().entries(), List.of(1L, 1L, 1L, 1L, 1L))), data.shape());

        org.nd4j.linalg.dataset.api.MultiDataSet b = data.train().next();
        assertArrayEquals(new long[]{2, 1, 3}, b.getFeatures(0).shape());
        assertArrayEquals(new long[]{2, 5, 3}, b.getLabels(0).shape());
        // Bucketed: the 2-token sentence first.
        assertEquals("5 2 0", steps(b.getFeatures(0), 0));
        assertEquals("3 6 4", steps(b.getFeatures(0), 1));
        // Peter/B-PER Blackburn/E-PER: one-hot rows O, B-PER, E-PER, S-MISC, S-ORG over 3 steps.
        assertEquals("0 0 0 ; 1 0 0 ; 0 1 0 ; 0 0 0 ; 0 0 0", steps(b.getLabels(0), 0));
        // EU/S-ORG rejects/O German/S-MISC
        assertEquals("0 1 0 ; 0 0 0 ; 0 0 0 ; 0 0 1 ; 1 0 0", steps(b.getLabels(0), 1));
        assertEquals("1 1 0 | 1 1 1", rows(b.getFeaturesMaskArray(0)));
        assertEquals("1 1 0 | 1 1 1", rows(b.getLabelsMaskArray(0)));
        assertEquals(2, data.summary().rowsRead());
    }

    @Test
    void lowercasedTokensAndDecodedTagsFollowTheMask() {
        write(dir, "train.txt", "The O\nUN B-ORG\n\nun O\n");
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: embedding}
                output: {type: tagging}
                data: {train: train.txt, prefetch: 0, tokenizer: {lowercase: true}}
                """), dir);
        TaggingState state = data.artefact().tagging();
        assertEquals(List.of("<pad>", "<unk>", "un", "the"), state.vocabulary().entries());
        org.nd4j.linalg.dataset.api.MultiDataSet encoded = state.encode(List.of(List.of("THE", "Un", "new"), List.of("un")));
        assertEquals("3 2 1", steps(encoded.getFeatures(0), 0));
        // Pretend output: tag index = step index pattern; decoding stops at each sentence's length.
        org.nd4j.linalg.api.ndarray.INDArray out = org.nd4j.linalg.factory.Nd4j.zeros(2, 2, 3);
        out.putScalar(new long[]{0, 1, 1}, 1.0);
        assertEquals(List.of(List.of("O", "B-ORG", "O"), List.of("O")), state.decodeTags(out, encoded.getFeaturesMaskArray(0)));
    }

    @Test
    void casingFeaturesFollowTheIdsAndComeFromTheTokensAsWritten() throws java.io.IOException {
        write(dir, "train.txt", """
                Peter B-PER
                rejects O
                U.S. B-LOC
                iPhone B-MISC

                1996 O
                A4 O
                , O
                東京 B-LOC
                the O

                EU B-ORG
                """);
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: embedding, word_features: [casing]}
                output: {type: tagging}
                data:
                  train: train.txt
                  shuffle: false
                  bucket_by_length: false
                  prefetch: 0
                  tokenizer: {lowercase: true}
                  tagging: {max_length: 4}
                """), dir);
        TaggingState state = data.artefact().tagging();
        assertEquals(List.of(dev.rnnkit.config.WordFeature.CASING), state.wordFeatures());
        assertEquals(List.of("<pad>", "<unk>", ",", "1996", "a4", "eu", "iphone", "peter", "rejects", "the", "u.s.", "東京"),
                state.vocabulary().entries());
        org.nd4j.linalg.dataset.api.MultiDataSet b = data.train().next();
        // Channel 0: ids of the lowercased tokens; channels 1-8: one-hot casing of the tokens as written, in the order
        // all_lower, all_upper, initial_capital, mixed_case, numeric, contains_digit, punctuation, other.
        assertArrayEquals(new long[]{3, 9, 4}, b.getFeatures(0).shape());
        // Peter rejects U.S. iPhone
        assertEquals("7 8 10 6 ; 0 1 0 0 ; 0 0 1 0 ; 1 0 0 0 ; 0 0 0 1 ; 0 0 0 0 ; 0 0 0 0 ; 0 0 0 0 ; 0 0 0 0", steps(b.getFeatures(0), 0));
        // 1996 A4 , <CJK> (the: cut by max_length 4)
        assertEquals("3 4 2 11 ; 0 0 0 0 ; 0 0 0 0 ; 0 0 0 0 ; 0 0 0 0 ; 1 0 0 0 ; 0 1 0 0 ; 0 0 1 0 ; 0 0 0 1", steps(b.getFeatures(0), 1));
        // EU, then padding: zero in every channel
        assertEquals("5 0 0 0 ; 0 0 0 0 ; 1 0 0 0 ; 0 0 0 0 ; 0 0 0 0 ; 0 0 0 0 ; 0 0 0 0 ; 0 0 0 0 ; 0 0 0 0", steps(b.getFeatures(0), 2));
        assertEquals("1 1 1 1 | 1 1 1 1 | 1 0 0 0", rows(b.getFeaturesMaskArray(0)));
        assertEquals(9, data.batches().train().inputColumns());

        // Prediction reproduces it from the saved artefact: PETER is all_upper though its id is that of "peter".
        Path file = dir.resolve("model/preprocessing.json");
        data.artefact().save(file);
        assertTrue(java.nio.file.Files.readString(file).contains("\"word_features\" : [ \"casing\" ]"));
        TaggingState restored = Preprocessing.load(file).tagging();
        assertEquals(state, restored);
        org.nd4j.linalg.dataset.api.MultiDataSet encoded = restored.encode(List.of(List.of("PETER", "Rejects")));
        assertEquals("7 8 ; 0 0 ; 1 0 ; 0 1 ; 0 0 ; 0 0 ; 0 0 ; 0 0 ; 0 0", steps(encoded.getFeatures(0), 0));
    }

    @Test
    void artefactsWithoutWordFeaturesKeepTheirFormat() throws java.io.IOException {
        write(dir, "train.txt", "EU B-ORG\nrejects O\n");
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: embedding}
                output: {type: tagging}
                data: {train: train.txt, prefetch: 0}
                """), dir);
        Path file = dir.resolve("p.json");
        data.artefact().save(file);
        String json = java.nio.file.Files.readString(file);
        assertFalse(json.contains("word_features"), json);
        assertEquals(List.of(), Preprocessing.load(file).tagging().wordFeatures());
        assertArrayEquals(new long[]{1, 1, 2}, data.train().next().getFeatures(0).shape());
    }

    @Test
    void autoClassWeightsBalanceTheRealTrainingTokens() throws java.io.IOException {
        // Zed/B-MISC is cut by max_length and the second sentence is padded: neither is counted.
        write(dir, "train.txt", "Ann B-PER\nruns O\nfast O\nZed B-MISC\n\nBo B-PER\nsits O\n");
        String yaml = """
                input: {type: embedding}
                output: {type: tagging, class_weights: WEIGHTS}
                data: {train: train.txt, prefetch: 0, tagging: {max_length: 3}}
                """;
        PreparedData data = DataPipelines.prepare(config(yaml.replace("WEIGHTS", "auto")), dir);
        assertEquals(new ClassCounts(List.of("O", "B-MISC", "B-PER"), List.of(3L, 0L, 2L)), data.shape().classCounts());
        // 5 real tokens over the 2 tags seen: 5 / (2 * 3) and 5 / (2 * 2); B-MISC, never a training label, keeps 1.
        assertTrue(data.summary().notes().contains("class weights (auto): O 0.833, B-MISC 1, B-PER 1.25"), data.summary().toString());
        Path file = dir.resolve("p.json");
        data.artefact().save(file);
        assertTrue(java.nio.file.Files.readString(file).contains("\"tag_counts\""));
        assertEquals(data.shape(), Preprocessing.load(file).shape());

        ModelBuildException e = assertThrows(ModelBuildException.class,
                () -> DataPipelines.prepare(config(yaml.replace("WEIGHTS", "{B-PER: 2, I-PER: 2}")), dir));
        assertEquals("output.class_weights: names label 'I-PER', which the training data does not have (did you mean 'B-PER'?); "
                + "its labels are O, B-MISC, B-PER", e.getMessage());
    }

    private static final String BROKEN_TRAIN = """
            The O
            Smith I-PER
            said O

            Paris B-LOC
            Saint I-ORG
            Germain I-ORG

            ok O
            """;

    private static final String BROKEN_YAML = """
            input: {type: embedding}
            output: {type: tagging}
            data:
              train: train.txt
              validation: dev.txt
              shuffle: false
              bucket_by_length: false
              prefetch: 0
            """;

    @Test
    void tagsThatBreakTheSchemeAreRepairedCountedPerFileAndTrainedOn() {
        write(dir, "train.txt", BROKEN_TRAIN);
        write(dir, "dev.txt", "Anna O\nLee I-PER\n");
        PreparedData data = DataPipelines.prepare(config(BROKEN_YAML), dir);

        ReadSummary summary = data.summary();
        assertEquals(0, summary.skipped());
        assertEquals(3, summary.trainExamples());
        assertEquals(1, summary.validationExamples());
        String rule = "I-X without an open X entity read as its start";
        String remedy = "data.tagging.tag_errors: strict rejects them";
        assertEquals(List.of(new ReadSummary.Repairs("train.txt", "tags repaired", Map.of(rule, 2L), 2, remedy),
                new ReadSummary.Repairs("dev.txt", "tags repaired", Map.of(rule, 1L), 2, remedy)), summary.repairs());
        assertTrue(summary.toString().contains("\ntrain.txt: tags repaired: 2 (" + rule + "; first at line 2; " + remedy + ")\n"
                + "dev.txt: tags repaired: 1 (" + rule + "; first at line 2; " + remedy + ")"), summary.toString());

        // Trained on the repaired spans, in iob2: Smith is B-PER, Saint Germain B-ORG I-ORG; no I-PER anywhere.
        TaggingState state = data.artefact().tagging();
        assertEquals(List.of("O", "B-LOC", "B-ORG", "B-PER", "I-ORG"), state.tags().entries());
        org.nd4j.linalg.dataset.api.MultiDataSet b = data.train().next();
        assertEquals("1 0 1 ; 0 0 0 ; 0 0 0 ; 0 1 0 ; 0 0 0", steps(b.getLabels(0), 0));
        assertEquals("0 0 0 ; 1 0 0 ; 0 1 0 ; 0 0 0 ; 0 0 1", steps(b.getLabels(0), 1));
        org.nd4j.linalg.dataset.api.MultiDataSet dev = data.validation().next();
        assertEquals("1 0 ; 0 0 ; 0 0 ; 0 1 ; 0 0", steps(dev.getLabels(0), 0));
    }

    @Test
    void strictTagErrorsRejectWhatRepairWouldRead() {
        write(dir, "train.txt", BROKEN_TRAIN);
        // A valid second dev sentence: a validation split left with no sentence at all is an error of its own.
        write(dir, "dev.txt", "Anna O\nLee I-PER\n\nok O\n");
        String strict = BROKEN_YAML + "  tagging: {tag_errors: strict}\n";
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataPipelines.prepare(config(strict), dir));
        assertEquals("train.txt:2: tag 'I-PER' follows 'O'; in iob2 an entity starts with B-", e.getMessage());

        PreparedData skipped = DataPipelines.prepare(config(strict + "  on_error: skip\n"), dir);
        assertEquals(Map.of("tag scheme violation", 3L), skipped.summary().skippedByReason());
        assertEquals(1, skipped.summary().trainExamples());
        assertEquals(List.of(), skipped.summary().repairs());
        assertFalse(skipped.summary().toString().contains("repaired"), skipped.summary().toString());
    }

    @Test
    void iobesRepairsAreCountedByRule() {
        // Ann/B-PER is left open by O; Bo/I-PER after O starts PER, which the sentence end leaves open.
        write(dir, "train.txt", "Ann B-PER\nruns O\n\nBo I-PER\nLee I-PER\n\nParis S-LOC\n");
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: embedding}
                output: {type: tagging}
                data: {train: train.txt, shuffle: false, bucket_by_length: false, prefetch: 0, tagging: {input_scheme: iobes}}
                """), dir);
        ReadSummary.Repairs r = data.summary().repairs().get(0);
        assertEquals(3, r.count());
        assertEquals("train.txt: tags repaired: 3 (entity left open without E-X closed where it stops: 2, "
                + "I-X without an open X entity read as its start: 1; first at line 1; data.tagging.tag_errors: strict rejects them)",
                r.toString());
        assertEquals(List.of("O", "B-LOC", "B-PER", "I-PER"), data.artefact().tagging().tags().entries());
        org.nd4j.linalg.dataset.api.MultiDataSet b = data.train().next();
        // Ann runs: B-PER O; Bo Lee: B-PER I-PER (iob2, the training scheme).
        assertEquals("0 1 ; 0 0 ; 1 0 ; 0 0", steps(b.getLabels(0), 0));
        assertEquals("0 0 ; 0 0 ; 1 0 ; 0 1", steps(b.getLabels(0), 1));
    }
}
