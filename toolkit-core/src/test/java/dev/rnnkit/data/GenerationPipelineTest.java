package dev.rnnkit.data;

import static dev.rnnkit.data.Fixtures.config;
import static dev.rnnkit.data.Fixtures.rows;
import static dev.rnnkit.data.Fixtures.steps;
import static dev.rnnkit.data.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnkit.data.generation.GenerationState;
import dev.rnnkit.model.DataShape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class GenerationPipelineTest {

    @TempDir
    Path dir;

    @Test
    void charSequencesPredictTheNextCharacter() {
        write(dir, "corpus.txt", "abcabd\n");
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: embedding}
                output: {type: generation}
                data:
                  train: corpus.txt
                  shuffle: false
                  prefetch: 0
                  tokenizer: {level: char}
                  generation: {sequence_length: 3, stride: 2}
                """), dir);
        GenerationState state = data.artefact().generation();
        assertEquals(List.of("<pad>", "<unk>", "a", "b", "\n", "c", "d"), state.vocabulary().entries());
        assertEquals(new DataShape(7, null, 7, null), data.shape());
        org.nd4j.linalg.dataset.api.MultiDataSet b = data.train().next();
        assertArrayEquals(new long[]{2, 1, 3}, b.getFeatures(0).shape());
        assertEquals("2 3 5", steps(b.getFeatures(0), 0)); // a b c
        assertEquals("5 2 3", steps(b.getFeatures(0), 1)); // c a b
        assertArrayEquals(new long[]{2, 7, 3}, b.getLabels(0).shape());
        // next tokens b c a: ids 3, 5, 2
        assertEquals("0 0 0 ; 0 0 0 ; 0 0 1 ; 1 0 0 ; 0 0 0 ; 0 1 0 ; 0 0 0", steps(b.getLabels(0), 0));
        assertEquals("1 1 1 | 1 1 1", rows(b.getFeaturesMaskArray(0)));
        assertEquals("1 1 1 | 1 1 1", rows(b.getLabelsMaskArray(0)));
        assertEquals("abc", state.decode(new int[]{2, 3, 5}));
    }

    @Test
    void heldOutTailIsNotInTheVocabularyAndMaxSizeMapsRareCharsToUnknown() {
        write(dir, "corpus.txt", "abcabd\n");
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: one_hot}
                output: {type: generation}
                data:
                  train: corpus.txt
                  validation_split: 0.3
                  prefetch: 0
                  tokenizer: {level: char}
                  vocabulary: {max_size: 2}
                  generation: {sequence_length: 1}
                """), dir);
        GenerationState state = data.artefact().generation();
        // training text "abcab": a and b kept, c cut by max_size; "d\n" held out.
        assertEquals(List.of("<pad>", "<unk>", "a", "b"), state.vocabulary().entries());
        assertArrayEquals(new int[]{2, 3, 1, 1, 1}, state.encodeText("abcd\n"));
        org.nd4j.linalg.dataset.api.MultiDataSet v = data.validation().next();
        assertArrayEquals(new long[]{1, 4, 1}, v.getFeatures(0).shape());
        assertEquals("0 ; 1 ; 0 ; 0", steps(v.getFeatures(0), 0)); // d → unknown
        assertEquals(4, data.batches().train().numExamples());     // windows of 2 ids over 5, stride = sequence_length = 1
    }

    @Test
    void wordLevelFolderKeepsLineBreaksAsTokensInFileOrder() {
        write(dir, "lyrics/b.txt", "world\n");
        write(dir, "lyrics/a.txt", "hello world\nhello\n");
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: embedding}
                output: {type: generation}
                data: {train: lyrics, shuffle: false, prefetch: 0, generation: {sequence_length: 2}}
                """), dir);
        GenerationState state = data.artefact().generation();
        assertEquals(List.of("<pad>", "<unk>", "\n", "hello", "world"), state.vocabulary().entries());
        assertEquals("hello world\nhello", state.decode(state.encodeText("hello world\nhello")));
        assertEquals(3, data.batches().train().numExamples()); // 7 tokens, windows of 3 at stride 2
    }
}
