package dev.rnnkit.runs;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.rnnkit.eval.AtomicFiles;
import dev.rnnkit.eval.EvalJson;
import dev.rnnkit.eval.MetricsTable;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs ranked by one metric, with the settings that differ between them: a terminal table, CSV and JSON.
 *
 * @param metric     the ranking metric
 * @param split      where the metric is read (validation at the best epoch, or the final evaluation)
 * @param goal       whether smaller or larger is better
 * @param parameters the varied settings, in column order
 * @param rows       best first; rows without a value (failed, unfinished) last, in their given order
 */
public record Leaderboard(String metric, MetricSplit split, Goal goal, List<String> parameters, List<Row> rows) {

    /**
     * One run on the board.
     *
     * @param rank         1 for the best; 0 when the run has no value of the metric
     * @param label        the trial id or run directory name
     * @param values       the run's value of each varied setting, as written in YAML
     * @param state        done, failed, running, ...
     * @param value        the metric, or null
     * @param bestEpoch    the epoch of the kept model, or null
     * @param epochs       epochs trained
     * @param trainSeconds training time, or null
     * @param wallSeconds  the whole job's wall time (sweeps), or null
     * @param runDir       the run directory
     * @param error        why it failed, or null
     */
    public record Row(int rank, String label, Map<String, String> values, String state, Double value, Integer bestEpoch,
                      Integer epochs, Double trainSeconds, Double wallSeconds, String runDir, String error) {

        Row ranked(int r) {
            return new Row(r, label, values, state, value, bestEpoch, epochs, trainSeconds, wallSeconds, runDir, error);
        }
    }

    /** Sorts {@code rows} by their value (ties keep their order) and numbers the ranks. */
    public static Leaderboard rank(String metric, MetricSplit split, Goal goal, List<String> parameters, List<Row> rows) {
        Comparator<Row> byValue = Comparator.comparingDouble(Row::value);
        List<Row> scored = new ArrayList<>(rows.stream().filter(r -> r.value() != null && !r.value().isNaN()).toList());
        scored.sort(goal == Goal.MINIMIZE ? byValue : byValue.reversed());
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            out.add(scored.get(i).ranked(i + 1));
        }
        rows.stream().filter(r -> r.value() == null || r.value().isNaN()).map(r -> r.ranked(0)).forEach(out::add);
        return new Leaderboard(metric, split, goal, List.copyOf(parameters), List.copyOf(out));
    }

    /** The column title of the metric, e.g. {@code validation mae (min)}. */
    public String metricTitle() {
        return split.yamlName() + " " + metric + " (" + (goal == Goal.MINIMIZE ? "min" : "max") + ")";
    }

    /** The board as an aligned text table. */
    public String table() {
        List<String> header = new ArrayList<>(List.of("rank", "trial"));
        header.addAll(parameters);
        header.addAll(List.of(metricTitle(), "best_epoch", "epochs", "train_s", "wall_s", "state"));
        MetricsTable table = MetricsTable.withColumns(header.toArray(String[]::new));
        for (Row r : rows) {
            List<Object> line = new ArrayList<>(List.of(r.rank() > 0 ? Integer.toString(r.rank()) : "-", r.label()));
            for (String p : parameters) {
                line.add(r.values().getOrDefault(p, ""));
            }
            line.add(r.value());
            line.add(r.bestEpoch());
            line.add(r.epochs());
            line.add(seconds(r.trainSeconds()));
            line.add(seconds(r.wallSeconds()));
            line.add(r.error() == null ? r.state() : r.state() + ": " + r.error());
            table.row(line.toArray());
        }
        return table.render();
    }

    /** Writes the board as CSV: one row per run, a column per varied setting. */
    public void writeCsv(Path file) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        List<String> columns = new ArrayList<>(List.of("rank", "trial"));
        columns.addAll(parameters);
        columns.addAll(List.of(metric, "best_epoch", "epochs", "train_seconds", "wall_seconds", "state", "error", "run_dir"));
        columns.forEach(schema::addColumn);
        AtomicFiles.write(file, out -> {
            try (SequenceWriter w = new CsvMapper().writer(schema.build()).writeValues(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
                for (Row r : rows) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("rank", r.rank() > 0 ? r.rank() : null);
                    line.put("trial", r.label());
                    for (String p : parameters) {
                        line.put(p, r.values().get(p));
                    }
                    line.put(metric, r.value());
                    line.put("best_epoch", r.bestEpoch());
                    line.put("epochs", r.epochs());
                    line.put("train_seconds", r.trainSeconds());
                    line.put("wall_seconds", r.wallSeconds());
                    line.put("state", r.state());
                    line.put("error", r.error());
                    line.put("run_dir", r.runDir());
                    w.write(line);
                }
            }
        });
    }

    /** Writes leaderboard.txt, .csv, .json and a PNG per varied setting into {@code dir}; returns the files. */
    public List<Path> writeAll(Path dir) {
        List<Path> files = new ArrayList<>();
        Path txt = dir.resolve("leaderboard.txt");
        AtomicFiles.writeString(txt, table());
        files.add(txt);
        Path csv = dir.resolve("leaderboard.csv");
        writeCsv(csv);
        files.add(csv);
        Path json = dir.resolve("leaderboard.json");
        writeJson(json);
        files.add(json);
        files.addAll(LeaderboardChart.writeAll(this, dir, "leaderboard"));
        return files;
    }

    /** Writes the board as JSON. */
    public void writeJson(Path file) {
        EvalJson.write(this, file);
    }

    private static Long seconds(Double s) {
        return s == null ? null : Math.round(s);
    }
}
