package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.data.BatchIterator;
import dev.rnnkit.eval.ClassificationReport;
import dev.rnnkit.eval.EvalJson;
import dev.rnnkit.eval.TaggingReport;
import dev.rnnkit.modelfile.ModelFile;
import dev.rnnkit.modelfile.SavedModel;
import dev.rnnkit.predict.EvaluationResult;
import dev.rnnkit.predict.ModelEvaluator;
import dev.rnnkit.predict.Predictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluation and prediction read their input as they go: a file of many pools scores as its parts do, and a line far
 * longer than {@code max_length} is cut to it rather than run whole.
 */
class StreamedEvaluationTest {

    @TempDir
    Path dir;

    private SavedModel train(String yaml, Path data) throws IOException {
        TrainingResult r = new Trainer(ProgressListener.NONE, new StopRequest())
                .train(TrainFixtures.config(yaml), data, RunDirectory.create(dir.resolve("run")));
        return ModelFile.read(r.run().model());
    }

    @Test
    void aFileOfManyPoolsScoresAsItsRepeatedPartAndLongLinesAreCut() throws IOException {
        Path data = TrainFixtures.classificationData(dir.resolve("data"));
        SavedModel model = train(TrainFixtures.CLASSIFICATION, data);
        List<String> rows = Files.readAllLines(data.resolve("test.tsv"));
        ClassificationReport once = (ClassificationReport) ModelEvaluator.evaluateFile(model, data.resolve("test.tsv")).report();

        // Enough copies to span several pools of batch_size × POOL_BATCHES examples.
        int copies = 4 * BatchIterator.POOL_BATCHES * 4 / (rows.size() - 1) + 1;
        StringBuilder big = new StringBuilder(rows.get(0)).append('\n');
        for (int c = 0; c < copies; c++) {
            rows.subList(1, rows.size()).forEach(r -> big.append(r).append('\n'));
        }
        Path many = Files.writeString(dir.resolve("many.tsv"), big);
        EvaluationResult result = ModelEvaluator.evaluateFile(model, many);
        ClassificationReport repeated = (ClassificationReport) result.report();
        assertEquals(once.examples() * copies, repeated.examples());
        assertEquals(once.accuracy(), repeated.accuracy(), 1e-12);
        for (int a = 0; a < 2; a++) {
            for (int p = 0; p < 2; p++) {
                assertEquals(once.confusionMatrix().count(a, p) * copies, repeated.confusionMatrix().count(a, p));
            }
        }

        // 300,000 tokens on one line: cut to the default max_length (1024), scored like any other example.
        Files.writeString(dir.resolve("long.tsv"), "sentence\tlabel\n" + "good ".repeat(300_000) + "\tpos\nawful film\tneg\n");
        assertEquals(1024, model.metadata().preprocessing().textClassification().maxLength());
        ClassificationReport withLong = (ClassificationReport) ModelEvaluator.evaluateFile(model, dir.resolve("long.tsv")).report();
        assertEquals(2, withLong.examples());
    }

    @Test
    void predictionKeepsInputOrderAcrossPoolsAndNamesCutTokens() throws IOException {
        Path data = TrainFixtures.taggingData(dir.resolve("data"));
        SavedModel model = train(TrainFixtures.TAGGING.replace("data: {", "data: {tagging: {max_length: 6}, "), data);
        List<String> input = new ArrayList<>();
        for (int i = 0; i < 3500; i++) { // more than one pool of 64 × 50 lines
            input.add(i % 3 == 0 ? "Anna lives in Rome " + "and Oslo ".repeat(i % 5) + i : "Bob " + i);
        }
        List<String> out = new ArrayList<>();
        new Predictor(model).predictLines(input.iterator(), out::add);
        assertEquals(input.size(), out.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode line = EvalJson.mapper().readTree(out.get(i));
            String[] tokens = input.get(i).split(" ");
            int kept = Math.min(6, tokens.length);
            assertEquals(kept, line.path("tags").size(), input.get(i));
            assertEquals(List.of(tokens).subList(0, kept), toList(line.path("tokens")), "line " + i + " in input order");
            assertEquals(tokens.length - kept, line.path("tokens_cut").asInt(0), input.get(i));
            assertTrue(tokens.length > kept || line.path("tokens_cut").isMissingNode());
        }
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
