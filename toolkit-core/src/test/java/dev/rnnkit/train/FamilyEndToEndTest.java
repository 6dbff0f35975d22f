package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.eval.EvalJson;
import dev.rnnkit.modelfile.ModelFile;
import dev.rnnkit.modelfile.SavedModel;
import dev.rnnkit.predict.EvaluationResult;
import dev.rnnkit.predict.ModelEvaluator;
import dev.rnnkit.predict.Predictor;
import dev.rnnkit.predict.TextGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Train two epochs, check the run directory, evaluate a file and predict, for each task family. */
class FamilyEndToEndTest {

    @TempDir
    Path dir;

    private RunDirectory train(String yaml, Path data) throws IOException {
        TrainingResult r = new Trainer(ProgressListener.NONE, new StopRequest())
                .train(TrainFixtures.config(yaml), data, RunDirectory.create(dir.resolve("run")));
        assertEquals(2, r.state().epoch());
        assertTrue(r.state().finished());
        for (Path p : List.of(r.run().config(), r.run().provenance(), r.run().metrics(), r.run().preprocessing(),
                r.run().lastModel(), r.run().evaluation().resolve("metrics.json"), r.run().evaluation().resolve("learning-curve.png"))) {
            assertTrue(Files.isRegularFile(p), p + " exists");
        }
        return r.run();
    }

    private static List<JsonNode> predictLines(Predictor p, List<String> input) throws IOException {
        List<String> out = new ArrayList<>();
        p.predictLines(input, out::add);
        List<JsonNode> nodes = new ArrayList<>();
        for (String s : out) {
            nodes.add(EvalJson.mapper().readTree(s));
        }
        return nodes;
    }

    @Test
    void classification() throws IOException {
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        RunDirectory run = train(TrainFixtures.CLASSIFICATION, data);
        SavedModel model = ModelFile.read(run.model());

        EvaluationResult eval = ModelEvaluator.evaluateFile(model, data.resolve("test.tsv"));
        assertEquals(List.of("loss", "accuracy", "f1"), List.copyOf(eval.metrics().keySet()));
        assertEquals(List.of("neg", "pos"), eval.confusion().classNames());

        List<JsonNode> lines = predictLines(new Predictor(model), List.of("good movie", "", "awful acting"));
        assertEquals(2, lines.size());
        assertEquals("good movie", lines.get(0).path("text").asText());
        for (JsonNode l : lines) {
            assertTrue(Set.of("neg", "pos").contains(l.path("label").asText()));
            double sum = l.path("probabilities").path("neg").asDouble() + l.path("probabilities").path("pos").asDouble();
            assertEquals(1.0, sum, 1e-5);
        }
    }

    /** A graph (characters beside the words) with attention pooling: predict shows each token's weight. */
    @Test
    void classificationWithCharactersAndAttention() throws IOException {
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        RunDirectory run = train(TrainFixtures.CLASSIFICATION.replace("output: {type: classification}",
                "output: {type: classification, reduce_output: attention, attention_size: 4}")
                .replace("input: {type: embedding, embedding_size: 4}",
                        "input: {type: embedding, embedding_size: 4, char_encoder: {type: cnn, embedding_size: 3, output_size: 4}}"), data);
        SavedModel model = ModelFile.read(run.model());
        assertTrue(model.network().isGraph());
        assertEquals("ComputationGraph", model.metadata().provenance().network());
        assertTrue(ModelEvaluator.evaluateFile(model, data.resolve("test.tsv")).metrics().containsKey("accuracy"));

        List<JsonNode> lines = predictLines(new Predictor(model, true), List.of("Good movie", "awful awful film here"));
        assertEquals(List.of(2, 4), lines.stream().map(l -> l.path("attention").size()).toList());
        for (JsonNode l : lines) {
            double sum = 0;
            for (JsonNode w : l.path("attention")) {
                double weight = w.path("weight").asDouble();
                assertTrue(weight > 0 && weight < 1, l.toString());
                sum += weight;
            }
            assertEquals(1.0, sum, 1e-5);
        }
        assertEquals("Good", lines.get(0).path("attention").get(0).path("token").asText()); // as written
        assertTrue(predictLines(new Predictor(model), List.of("good")).get(0).path("attention").isMissingNode());
    }

    @Test
    void attentionWeightsNeedAnAttentionModel() throws IOException {
        RunDirectory run = train(TrainFixtures.CLASSIFICATION, TrainFixtures.classificationData(dir.resolve("data")));
        SavedModel model = ModelFile.read(run.model());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Predictor(model, true));
        assertTrue(e.getMessage().endsWith("--attention needs a model trained with output.reduce_output: attention or an attention decoder (output.attention)"), e.getMessage());
    }

    @Test
    void seq2seqOnGeneratedAdditions() throws IOException {
        Path data = dir.resolve("data");
        dev.rnnkit.data.seq2seq.SyntheticPairs.write(dev.rnnkit.data.seq2seq.SyntheticPairs.Task.ADDITION, data, 64, 16, 16, 3);
        RunDirectory run = train("""
                name: add
                seed: 7
                input: {type: one_hot}
                encoder: [{cell_type: gru, state_size: 8}]
                output: {type: seq2seq, output_length: 5, decoder: [{cell_type: gru, state_size: 8}]}
                training: {batch_size: 16, epochs: 2}
                data: {train: train.tsv, validation: validation.tsv, test: test.tsv, prefetch: 0, tokenizer: {level: char}}
                """, data);
        SavedModel model = ModelFile.read(run.model());
        EvaluationResult eval = ModelEvaluator.evaluateFile(model, data.resolve("test.tsv"));
        assertEquals(List.of("loss", "exact_match", "char_accuracy", "bleu", "chrf"), List.copyOf(eval.metrics().keySet()));
        assertEquals(16, ((dev.rnnkit.eval.SequenceMatchReport) eval.report()).sequences());

        List<JsonNode> lines = predictLines(new Predictor(model), List.of("12+34", "7+8"));
        assertEquals(2, lines.size());
        assertEquals("12+34", lines.get(0).path("source").asText());
        for (JsonNode l : lines) {
            // At most output_length characters (fewer once </s> is predicted), each from the target vocabulary.
            assertTrue(l.path("output").asText().matches("[0-9]{0,5}"), l.toString());
        }
    }

    @Test
    void tagging() throws IOException {
        Path data = TrainFixtures.taggingData(dir.resolve("data"));
        RunDirectory run = train(TrainFixtures.TAGGING, data);
        SavedModel model = ModelFile.read(run.model());

        EvaluationResult eval = ModelEvaluator.evaluateFile(model, data.resolve("dev.txt"));
        assertEquals(List.of("loss", "f1", "token_accuracy"), List.copyOf(eval.metrics().keySet()));
        assertTrue(eval.table().contains("processed 28 tokens with 12 phrases"), eval.table());

        List<JsonNode> lines = predictLines(new Predictor(model), List.of("Anna Smith lives in Rome", "Bob lives in Oslo"));
        Set<String> tagSet = Set.copyOf(model.metadata().preprocessing().tagging().tags().entries());
        assertEquals(List.of(5, 4), lines.stream().map(l -> l.path("tags").size()).toList());
        for (JsonNode l : lines) {
            assertEquals(l.path("tokens").size(), l.path("tags").size());
            l.path("tags").forEach(t -> assertTrue(tagSet.contains(t.asText()), t.asText()));
        }
    }

    /** Characters and a CRF: the tagger is a graph, and Viterbi decoding never breaks IOB2. */
    @Test
    void taggingWithCharactersAndCrf() throws IOException {
        Path data = TrainFixtures.taggingData(dir.resolve("data"));
        RunDirectory run = train(TrainFixtures.TAGGING.replace("output: {type: tagging}", "output: {type: tagging, crf: true}")
                .replace("input: {type: embedding, embedding_size: 4}",
                        "input: {type: embedding, embedding_size: 4, word_features: [casing], char_encoder: {type: bilstm, output_size: 4}}"), data);
        SavedModel model = ModelFile.read(run.model());
        assertTrue(model.network().isGraph());
        EvaluationResult eval = ModelEvaluator.evaluateFile(model, data.resolve("dev.txt"));
        assertEquals(List.of("loss", "f1", "token_accuracy"), List.copyOf(eval.metrics().keySet()));

        List<JsonNode> lines = predictLines(new Predictor(model), List.of("Anna Smith lives in Rome", "Xavier lives in Oslo",
                "in in Smith Smith Smith"));
        for (JsonNode l : lines) {
            assertEquals(l.path("tokens").size(), l.path("tags").size());
            String previous = "O";
            for (JsonNode t : l.path("tags")) {
                String tag = t.asText();
                if (tag.startsWith("I-")) {
                    assertTrue(previous.endsWith(tag.substring(2)) && !previous.equals("O"), l.toString());
                }
                previous = tag;
            }
        }
    }

    @Test
    void forecast() throws IOException {
        Path data = TrainFixtures.forecastData(dir.resolve("data"));
        RunDirectory run = train(TrainFixtures.FORECAST, data);
        for (String png : List.of("forecast-temp-step1.png", "forecast-temp-step2.png", "errors-by-step-temp.png")) {
            assertTrue(Files.isRegularFile(run.evaluation().resolve(png)), png);
        }
        JsonNode metrics = EvalJson.mapper().readTree(run.evaluation().resolve("metrics.json").toFile());
        assertEquals("test", metrics.path("split").asText());
        assertEquals(3, metrics.path("report").path("season").asInt());
        assertTrue(metrics.path("report").path("overall").path("seasonal_naive").path("mae").isNumber());
        assertTrue(metrics.path("metrics").path("mase").isNumber());
        assertTrue(metrics.path("metrics").path("mse_norm").isNumber(), "standardised MSE for a newly trained model");
        assertEquals(2, metrics.path("report").path("targets").get(0).path("by_step").size(), "scores per horizon step");

        SavedModel model = ModelFile.read(run.model());
        TrainFixtures.write(dir, "recent.csv", "date,temp\n2020-05-01,10\n2020-05-02,13\n2020-05-03,16\n2020-05-04,10\n"
                + "2020-05-05,13\n2020-05-06,16\n2020-05-07,10\n2020-05-08,13\n2020-05-09,16\n");
        List<JsonNode> lines = new ArrayList<>();
        new Predictor(model).predictCsv(dir.resolve("recent.csv"), s -> lines.add(read(s)));
        // 9 rows, lookback 6, horizon 2: windows start at rows 0 and 1; then the 2 days after the last row.
        assertEquals(3, lines.size());
        assertEquals("[\"2020-05-07\",\"2020-05-08\"]", lines.get(0).path("timestamps").toString());
        assertEquals("[\"2020-05-08\",\"2020-05-09\"]", lines.get(1).path("timestamps").toString());
        assertEquals(2, lines.get(0).path("forecast").path("temp").size());
        assertEquals(List.of(false, false, true), lines.stream().map(l -> l.path("future").asBoolean()).toList());
        assertEquals("[\"2020-05-10\",\"2020-05-11\"]", lines.get(2).path("timestamps").toString());
    }

    @Test
    void generationWithTruncatedBptt() throws IOException {
        Path data = TrainFixtures.generationData(dir.resolve("data"));
        RunDirectory run = train(TrainFixtures.GENERATION, data);
        SavedModel model = ModelFile.read(run.model());
        JsonNode metrics = EvalJson.mapper().readTree(run.evaluation().resolve("metrics.json").toFile());
        assertEquals("validation", metrics.path("split").asText());
        assertTrue(metrics.path("metrics").path("perplexity").asDouble() > 1);
        assertTrue(metrics.path("report").path("unigram").path("nats").isNumber());

        TextGenerator.Generated g = new TextGenerator(model).generate("the ", 30, 0.8, 5, 1L);
        assertEquals(30, g.ids().length);
        assertEquals(30, g.text().length()); // char level: one character per token
        Set<String> vocabulary = Set.copyOf(model.metadata().preprocessing().generation().vocabulary().entries());
        g.text().codePoints().forEach(c -> assertTrue(vocabulary.contains(Character.toString(c)), Character.toString(c)));
        assertEquals(g.text(), new TextGenerator(model).generate("the ", 30, 0.8, 5, 1L).text(), "the same seed gives the same text");
    }

    private static JsonNode read(String s) {
        try {
            return EvalJson.mapper().readTree(s);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
