package dev.rnnkit.data;

import static dev.rnnkit.data.Fixtures.config;
import static dev.rnnkit.data.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.config.Truncation;
import dev.rnnkit.data.text.PretrainedEmbeddings;
import dev.rnnkit.data.text.TextClassificationState;
import dev.rnnkit.data.timeseries.TimeSeriesState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class PreprocessingTest {

    @TempDir
    Path dir;

    @Test
    void restoredTextArtefactEncodesNewTextIdentically() throws IOException {
        write(dir, "train.tsv", "sentence\tlabel\nGood movie !\tpos\nbad, bad film\tneg\n");
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: embedding}
                output: {type: classification}
                data: {train: train.tsv, prefetch: 0, tokenizer: {lowercase: true, strip_punctuation: true}, text: {max_length: 3}}
                """), dir);
        Path file = dir.resolve("model/preprocessing.json");
        data.artefact().save(file);
        assertTrue(Files.readString(file).startsWith("{\n  \"format_version\" : 1,\n  \"family\" : \"text_classification\""));
        Preprocessing restored = Preprocessing.load(file);
        assertEquals(data.artefact(), restored);
        List<String> texts = List.of("GOOD film, bad!", "unseen words here and more");
        org.nd4j.linalg.dataset.api.MultiDataSet before = data.artefact().textClassification().encode(texts);
        org.nd4j.linalg.dataset.api.MultiDataSet after = restored.textClassification().encode(texts);
        assertEquals(before.getFeatures(0), after.getFeatures(0));
        assertEquals(before.getFeaturesMaskArray(0), after.getFeaturesMaskArray(0));
        assertEquals(List.of("<pad>", "<unk>", "bad", "film", "good", "movie"), restored.textClassification().vocabulary().entries());
        assertEquals("4 3 2", Fixtures.steps(after.getFeatures(0), 0)); // lower-cased, punctuation stripped
        assertEquals("1 1 1", Fixtures.steps(after.getFeatures(0), 1)); // unknown words, truncated to max_length 3
        assertEquals(List.of("neg", "pos"), restored.textClassification().decodeLabels(org.nd4j.linalg.factory.Nd4j.createFromArray(
                new float[][]{{0.9f, 0.1f}, {0.2f, 0.8f}})));
        assertEquals(data.shape(), restored.shape());
    }

    @Test
    void restoredArtefactTruncatesOnTheTrainingSideAndPredictionEncodesLikeTraining() throws IOException {
        write(dir, "train.tsv", "sentence\tlabel\na b c d e f g\tpos\nb c\tneg\n");
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: embedding}
                output: {type: classification}
                data: {train: train.tsv, shuffle: false, bucket_by_length: false, prefetch: 0, text: {max_length: 5, truncation: head_tail}}
                """), dir);
        Path file = dir.resolve("preprocessing.json");
        data.artefact().save(file);
        assertTrue(Files.readString(file).contains("\"truncation\" : \"head_tail\""));
        TextClassificationState restored = Preprocessing.load(file).textClassification();
        assertEquals(Truncation.HEAD_TAIL, restored.truncation());
        org.nd4j.linalg.dataset.api.MultiDataSet trained = data.train().next();
        org.nd4j.linalg.dataset.api.MultiDataSet predicted = restored.encode(List.of("a b c d e f g", "b c"));
        assertEquals(trained.getFeatures(0), predicted.getFeatures(0));
        assertEquals(trained.getFeaturesMaskArray(0), predicted.getFeaturesMaskArray(0));
        Vocabulary v = restored.vocabulary();
        // head 2 (a b) + tail 3 (e f g)
        assertEquals(java.util.stream.Stream.of("a", "b", "e", "f", "g").map(w -> String.valueOf(v.id(w)))
                .collect(java.util.stream.Collectors.joining(" ")), Fixtures.steps(predicted.getFeatures(0), 0));
    }

    @Test
    void artefactsWithoutATruncationSideKeepTheFirstTokens() throws IOException {
        // Written before data.text.truncation existed; head artefacts are still written this way.
        Files.writeString(dir.resolve("old.json"), """
                {
                  "format_version" : 1,
                  "family" : "text_classification",
                  "text_classification" : {
                    "input_type" : "embedding",
                    "output_type" : "classification",
                    "tokenizer" : {"level" : "word", "lowercase" : true, "strip_punctuation" : false},
                    "max_length" : 2,
                    "vocabulary" : ["<pad>", "<unk>", "a", "b", "c"],
                    "labels" : ["neg", "pos"]
                  }
                }
                """);
        TextClassificationState old = Preprocessing.load(dir.resolve("old.json")).textClassification();
        assertEquals(Truncation.HEAD, old.truncation());
        assertEquals("2 3", Fixtures.steps(old.encode(List.of("a b c")).getFeatures(0), 0));
        Preprocessing.of(old).save(dir.resolve("again.json"));
        assertFalse(Files.readString(dir.resolve("again.json")).contains("truncation"));
        assertEquals(Preprocessing.of(old), Preprocessing.load(dir.resolve("again.json")));
    }

    @Test
    void restoredSeriesArtefactKeepsScalersAndWindows() throws IOException {
        write(dir, "s.csv", "d,v\n1,1\n2,3\n3,5\n4,7\n");
        PreparedData data = DataPipelines.prepare(config("""
                input: {type: dense}
                output: {type: forecast}
                data: {train: s.csv, prefetch: 0, time_series: {timestamp_columns: [d], target_columns: [v], lookback: 2}}
                """), dir);
        data.artefact().save(dir.resolve("p.json"));
        TimeSeriesState restored = Preprocessing.load(dir.resolve("p.json")).timeSeries();
        TimeSeriesState.ForecastData windows = restored.encode(dir.resolve("s.csv"));
        assertEquals(List.of(List.of("3"), List.of("4")), windows.targetTimestamps());
        assertEquals(7.0, restored.inverseForecast(windows.data().getLabels(0), windows.data().getExampleMetaData())[1][0][0], 1e-5);
    }

    @Test
    void refusesOtherFormatVersionsAndBrokenJson() throws IOException {
        Files.writeString(dir.resolve("p.json"), "{\"format_version\": 2, \"family\": \"tagging\"}");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Preprocessing.load(dir.resolve("p.json")));
        assertEquals(dir.resolve("p.json") + ": format_version 2 is not supported; this version of rnnkit reads format_version 1",
                e.getMessage());
        Files.writeString(dir.resolve("q.json"), "{\"format_version\": 1,\n \"family\": ");
        e = assertThrows(DataFormatException.class, () -> Preprocessing.load(dir.resolve("q.json")));
        assertEquals(2, e.line());
    }

    @Test
    void pretrainedVectorsAreAlignedWithTheVocabulary() throws IOException {
        Files.writeString(dir.resolve("vectors.txt"), "good 1.0 2.0\nfilm 3.0 4.0\nbad 5.0 6.0\n");
        Vocabulary vocab = Vocabulary.of(List.of("<pad>", "<unk>", "bad", "Good", "movie"));
        PretrainedEmbeddings emb = PretrainedEmbeddings.load(new dev.rnnkit.config.PretrainedEmbeddingsConfig("vectors.txt", null),
                dir, vocab, 42);
        assertEquals(List.of(5L, 2L), List.of(emb.weights().size(0), emb.weights().size(1)));
        assertEquals(2, emb.found()); // bad, and Good through its lower-case form
        assertEquals("0 0", Fixtures.rows(emb.weights().getRow(0).reshape(1, 2))); // padding
        assertEquals("5 6", Fixtures.rows(emb.weights().getRow(2).reshape(1, 2)));
        assertEquals("1 2", Fixtures.rows(emb.weights().getRow(3).reshape(1, 2)));
    }
}
