package dev.rnnkit.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rnnkit.eval.AtomicFiles;
import dev.rnnkit.eval.plot.LearningCurvePoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code metrics.jsonl} of a run: one JSON object per line, {@code "type": "epoch"} or {@code "evaluation"}.
 */
public final class MetricsLog {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The {@code type} of the line written when a run finishes (absent while it runs or after an interruption). */
    public static final String SUMMARY = "summary";

    private final Path file;

    public MetricsLog(Path file) {
        this.file = file;
    }

    /** Appends one epoch line. */
    public void epoch(EpochSummary s, long iterations, double learningRate) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "epoch");
        line.put("epoch", s.epoch());
        line.put("iterations", iterations);
        line.put("train_loss", s.trainLoss());
        line.put("examples", s.examples());
        line.put("seconds", s.seconds());
        line.put("examples_per_second", s.examplesPerSecond());
        line.put("learning_rate", learningRate);
        append(line);
    }

    /** Appends one evaluation line: {@code split} is "validation", "test" or a file. */
    public void evaluation(int epoch, String split, Map<String, Double> metrics) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "evaluation");
        line.put("epoch", epoch);
        line.put("split", split);
        metrics.forEach(line::put);
        append(line);
    }

    /**
     * Appends the closing line of a finished run: its epochs, best epoch, the watched metric and its best value,
     * training seconds over all resumes and the split of the final evaluation (null when there was none).
     */
    public void summary(TrainingState state, boolean stoppedEarly, String watched, String evaluatedOn) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", SUMMARY);
        line.put("epoch", state.epoch());
        line.put("best_epoch", state.bestEpoch());
        line.put("stopped_early", stoppedEarly);
        line.put("watched", watched);
        line.put("best_value", state.bestValue());
        line.put("training_seconds", state.trainingSeconds());
        line.put("evaluated_on", evaluatedOn);
        append(line);
    }

    private void append(Map<String, Object> line) {
        try {
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The lines as JSON trees (none when the file does not exist). */
    public List<JsonNode> lines() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.isBlank()) {
                    out.add(JSON.readTree(l));
                }
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(file + ": not JSON lines: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Drops lines of epochs after {@code epochs} (work lost since the checkpoint a run resumes from) and the
     * closing summary: a resumed run is not finished.
     */
    public void truncateAfter(int epochs) {
        StringBuilder kept = new StringBuilder();
        for (JsonNode l : lines()) {
            if (l.path("epoch").asInt() <= epochs && !SUMMARY.equals(l.path("type").asText())) {
                kept.append(l).append('\n');
            }
        }
        AtomicFiles.writeString(file, kept.toString());
    }

    /** Learning-curve points: train loss per epoch with the validation loss and {@code metric} of that epoch. */
    public List<LearningCurvePoint> learningCurve(String metric) {
        Map<Integer, Double> train = new LinkedHashMap<>();
        Map<Integer, JsonNode> validation = new LinkedHashMap<>();
        for (JsonNode l : lines()) {
            if ("epoch".equals(l.path("type").asText())) {
                train.put(l.path("epoch").asInt(), l.path("train_loss").asDouble());
            } else if ("validation".equals(l.path("split").asText())) {
                validation.put(l.path("epoch").asInt(), l);
            }
        }
        List<LearningCurvePoint> points = new ArrayList<>();
        train.forEach((epoch, loss) -> {
            JsonNode v = validation.get(epoch);
            points.add(new LearningCurvePoint(epoch, loss, number(v, "loss"), number(v, metric)));
        });
        return points;
    }

    private static Double number(JsonNode line, String key) {
        return line == null || !line.path(key).isNumber() ? null : line.path(key).asDouble();
    }
}
