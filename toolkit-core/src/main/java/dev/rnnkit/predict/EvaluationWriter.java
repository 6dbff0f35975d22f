package dev.rnnkit.predict;

import dev.rnnkit.eval.AtomicFiles;
import dev.rnnkit.eval.EvalJson;
import dev.rnnkit.eval.plot.ConfusionMatrixChart;
import dev.rnnkit.eval.plot.ForecastChart;
import dev.rnnkit.eval.plot.LearningCurveChart;
import dev.rnnkit.eval.plot.LearningCurvePoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an evaluation as {@code metrics.json}, a readable {@code metrics.txt} and PNG plots, atomically.
 */
public final class EvaluationWriter {

    /** File names inside the evaluation directory. */
    public static final String JSON = "metrics.json";
    public static final String TABLE = "metrics.txt";
    public static final String CONFUSION = "confusion-matrix.png";
    public static final String LEARNING_CURVE = "learning-curve.png";

    private EvaluationWriter() {
    }

    /**
     * Writes the files; {@code learningCurve} (may be empty) adds the learning-curve PNG.
     *
     * @param split        which data was scored, e.g. "test", "validation" or a file name
     * @param curveMetric  the name of the validation metric on the learning curve's right axis
     * @return the files written
     */
    public static List<Path> write(EvaluationResult result, String split, Path directory,
                                   List<LearningCurvePoint> learningCurve, String curveMetric) {
        List<Path> files = new ArrayList<>();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("task", result.task());
        json.put("split", split);
        json.put("metrics", result.metrics());
        json.put("report", result.report());
        Path jsonFile = directory.resolve(JSON);
        EvalJson.write(json, jsonFile);
        files.add(jsonFile);
        Path table = directory.resolve(TABLE);
        AtomicFiles.writeString(table, result.task() + " on " + split + "\n\n" + result.table());
        files.add(table);
        if (result.confusion() != null) {
            files.add(ConfusionMatrixChart.write(result.confusion(), directory.resolve(CONFUSION)));
        }
        if (!result.forecastSeries().isEmpty()) {
            files.addAll(ForecastChart.writeAll(result.forecastSeries(), directory, "forecast", dev.rnnkit.eval.plot.ChartSize.DEFAULT));
        }
        if (result.report() instanceof dev.rnnkit.eval.ForecastReport r) {
            files.addAll(dev.rnnkit.eval.plot.StepErrorChart.writeAll(r.targets(), r.season(), directory, "errors-by-step"));
        }
        for (int i = 0; i < result.translations().size(); i++) {
            Translator.Translation t = result.translations().get(i);
            if (t.attention().length > 0 && !t.sourceTokens().isEmpty()) {
                files.add(dev.rnnkit.eval.plot.AttentionHeatMapChart.write(t.sourceTokens(), t.attentionRows(), t.attention(),
                        "Attention, example " + (i + 1), directory.resolve("attention-" + (i + 1) + ".png")));
            }
        }
        files.addAll(writeLearningCurve(learningCurve, curveMetric, directory));
        return files;
    }

    /** Writes the learning-curve PNG when there are points; returns the files written. */
    public static List<Path> writeLearningCurve(List<LearningCurvePoint> learningCurve, String curveMetric, Path directory) {
        if (learningCurve.isEmpty()) {
            return List.of();
        }
        return List.of(LearningCurveChart.write(learningCurve, curveMetric, directory.resolve(LEARNING_CURVE)));
    }
}
