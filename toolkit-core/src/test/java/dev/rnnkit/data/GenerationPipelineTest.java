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

    /** Evaluation reads a folder line by line; its windows are exactly those of the whole text, at char and word level. */
    @Test
    void streamedWindowsEqualThoseOfTheWholeText() throws Exception {
        String first = "the cat sat on the mat\nand the dog\n\nran away from it\n";
        String second = "a second file with the cat\nend";
        write(dir, "corpus.txt", first + second + "\n");
        write(dir, "folder/1.txt", first);
        write(dir, "folder/2.txt", second);
        for (String level : List.of("char", "word")) {
            for (int stride : new int[] {1, 3, 5}) {
                var config = config("""
                        input: {type: embedding}
                        output: {type: generation}
                        data:
                          train: corpus.txt
                          prefetch: 0
                          tokenizer: {level: LEVEL}
                          generation: {sequence_length: 4, stride: STRIDE}
                        """.replace("LEVEL", level).replace("STRIDE", String.valueOf(stride)));
                GenerationState state = DataPipelines.prepare(config, dir).artefact().generation();
                int[] ids = state.encodeText(first + second + "\n");
                List<String> expected = new java.util.ArrayList<>();
                for (int start = 0; start + 5 <= ids.length; start += stride) {
                    expected.add(java.util.Arrays.toString(java.util.Arrays.copyOfRange(ids, start, start + 4)));
                }
                List<String> streamed = new java.util.ArrayList<>();
                var batches = DataPipelines.labelled(config, dev.rnnkit.data.Preprocessing.of(state), dir.resolve("folder"));
                while (batches.hasNext()) {
                    var f = batches.next().getFeatures(0);
                    for (int b = 0; b < f.size(0); b++) {
                        int[] w = new int[4];
                        for (int t = 0; t < 4; t++) {
                            w[t] = f.getInt(b, 0, t);
                        }
                        streamed.add(java.util.Arrays.toString(w));
                    }
                }
                assertEquals(expected, streamed, level + ", stride " + stride);
            }
        }
    }
}
