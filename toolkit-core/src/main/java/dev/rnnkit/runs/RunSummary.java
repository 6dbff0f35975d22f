package dev.rnnkit.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.eval.EvalJson;
import dev.rnnkit.modelfile.ModelFileException;

import dev.rnnkit.train.MetricsLog;
import dev.rnnkit.train.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run directory says about its run: state, epochs, best epoch, scores and time, read from its files.
 *
 * @param dir             the run directory
 * @param name            the config's name
 * @param state           finished, interrupted or incomplete
 * @param epochs          epochs completed
 * @param bestEpoch       the epoch of the kept model (finished runs), else null
 * @param watched         the validation metric that chose the best epoch, or null
 * @param trainingSeconds training time over all resumes (finished runs), else null
 * @param evaluatedOn     the split of the final evaluation ("test" or "validation"), or null
 * @param validation      the validation scores at the best epoch (at the last validated epoch while unfinished)
 * @param evaluation      the scores of the final evaluation; empty when there was none
 * @param started         the start time from provenance.json, or null
 * @param config          the run's resolved config as a tree
 */
public record RunSummary(Path dir, String name, RunState state, int epochs, Integer bestEpoch, String watched,
                         Double trainingSeconds, String evaluatedOn, Map<String, Double> validation,
                         Map<String, Double> evaluation, String started, JsonNode config) {

    /** Reads a run directory; a folder without {@code config.yaml} is a {@link ModelFileException}. */
    public static RunSummary read(Path dir) {
        RunDirectory run = RunDirectory.existing(dir);
        JsonNode config;
        try {
            config = ConfigLoader.mapper().readTree(run.config().toFile());
        } catch (IOException e) {
            throw new ModelFileException(run.config() + ": not a readable config: " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<JsonNode> lines;
        try {
            lines = new MetricsLog(run.metrics()).lines();
        } catch (UncheckedIOException e) {
            throw new ModelFileException(e.getMessage());
        }
        int epochs = 0;
        JsonNode summary = null;
        Map<Integer, Map<String, Double>> validationByEpoch = new LinkedHashMap<>();
        Map<String, Map<String, Double>> lastBySplit = new LinkedHashMap<>();
        for (JsonNode l : lines) {
            String type = l.path("type").asText();
            if ("epoch".equals(type)) {
                epochs = Math.max(epochs, l.path("epoch").asInt());
            } else if ("evaluation".equals(type)) {
                Map<String, Double> scores = scores(l);
                String split = l.path("split").asText();
                if ("validation".equals(split)) {
                    validationByEpoch.putIfAbsent(l.path("epoch").asInt(), scores);
                }
                lastBySplit.put(split, scores);
            } else if (MetricsLog.SUMMARY.equals(type)) {
                summary = l;
            }
        }
        RunState state = summary != null ? RunState.FINISHED : hasCheckpoint(run) ? RunState.INTERRUPTED : RunState.INCOMPLETE;
        Integer bestEpoch = summary != null && summary.path("best_epoch").asInt() > 0 ? summary.path("best_epoch").asInt() : null;
        Map<String, Double> validation = bestEpoch != null && validationByEpoch.containsKey(bestEpoch)
                ? validationByEpoch.get(bestEpoch)
                : validationByEpoch.isEmpty() ? Map.of() : List.copyOf(validationByEpoch.values()).get(validationByEpoch.size() - 1);
        String evaluatedOn = summary == null || summary.path("evaluated_on").isNull() ? null : summary.path("evaluated_on").asText();
        Map<String, Double> evaluation = evaluatedOn == null ? Map.of() : lastBySplit.getOrDefault(evaluatedOn, Map.of());
        return new RunSummary(dir, config.path("name").asText(""), state, epochs, bestEpoch,
                summary == null ? null : summary.path("watched").asText(null),
                summary == null ? null : summary.path("training_seconds").asDouble(),
                evaluatedOn, Map.copyOf(validation), Map.copyOf(evaluation), started(run), config);
    }

    /** True when {@code dir} looks like a run directory (a config and a checkpoints folder or metrics). */
    public static boolean isRun(Path dir) {
        RunDirectory run = new RunDirectory(dir);
        return Files.isRegularFile(run.config()) && (Files.isDirectory(run.checkpoints()) || Files.isRegularFile(run.metrics()));
    }

    /** The value of {@code metric} on the given split, or null when the run has none. */
    public Double metric(String metric, MetricSplit split) {
        return (split == MetricSplit.VALIDATION ? validation : evaluation).get(metric);
    }

    private static Map<String, Double> scores(JsonNode line) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = line.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNumber() && !e.getKey().equals("epoch")) {
                out.put(e.getKey(), e.getValue().asDouble());
            }
        }
        return out;
    }

    private static boolean hasCheckpoint(RunDirectory run) {
        if (!Files.isDirectory(run.checkpoints())) {
            return false;
        }
        try (var s = Files.list(run.checkpoints())) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".zip"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String started(RunDirectory run) {
        if (!Files.isRegularFile(run.provenance())) {
            return null;
        }
        try {
            JsonNode p = EvalJson.mapper().readTree(run.provenance().toFile());
            return p.path("start_time").isTextual() ? p.path("start_time").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
