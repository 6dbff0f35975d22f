package dev.rnnkit.train;

import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.eval.AtomicFiles;
import dev.rnnkit.eval.EvalJson;
import dev.rnnkit.eval.MetricsTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains one config once per seed and reports each final score as mean and standard deviation over the seeds.
 *
 * <p>Each seed trains into its own ordinary run directory {@code <parent>/seed-<seed>}; the parent gets
 * {@code seeds.json} and {@code seeds.txt}. One seed's score says little when seeds move it by a point or more.
 */
public final class SeedRuns {

    private SeedRuns() {
    }

    /** One seed's run: its directory, best epoch, the split it was scored on and the scores. */
    public record SeedRun(long seed, String runDir, int bestEpoch, int epochs, String evaluatedOn, Map<String, Double> metrics) {
    }

    /** Mean, sample standard deviation (n - 1; 0 for one run) and the values of one metric over the seeds. */
    public record Spread(double mean, double std, List<Double> values) {

        /** The spread of {@code values}. */
        public static Spread of(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Spread(mean, values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0.0, List.copyOf(values));
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.4f ± %.4f", mean, std);
        }
    }

    /**
     * The runs and, per metric present in every finished run, its spread.
     *
     * @param complete false when a stop request ended the runs before the last seed
     */
    public record Summary(String config, List<SeedRun> runs, Map<String, Spread> metrics, boolean complete) {
    }

    /**
     * Trains {@code config} with each seed, one after another, into {@code parent/seed-<seed>}, and writes the summary.
     * A stop request (Ctrl-C) ends the sequence after the interrupted run's checkpoint; that run can be resumed on
     * its own with {@code --resume}.
     */
    public static Summary train(Trainer trainer, RnnkitConfig config, List<Long> seeds, Path dataDir, Path parent,
                                ProgressListener progress) throws IOException {
        List<SeedRun> runs = new ArrayList<>();
        boolean complete = true;
        for (long seed : seeds) {
            progress.message("seed " + seed + " (" + (runs.size() + 1) + " of " + seeds.size() + ")");
            RunDirectory run = RunDirectory.create(parent.resolve("seed-" + seed));
            TrainingResult result = trainer.train(withSeed(config, seed), dataDir, run);
            if (result.interrupted()) {
                complete = false;
                break;
            }
            Map<String, Double> metrics = result.evaluation() == null ? Map.of() : result.evaluation().metrics();
            runs.add(new SeedRun(seed, run.root().toString(), result.state().bestEpoch(), result.state().epoch(),
                    result.evaluatedOn(), metrics));
        }
        Summary summary = new Summary(config.name(), runs, spreads(runs), complete);
        AtomicFiles.writeString(parent.resolve("seeds.json"), EvalJson.toJson(summary) + "\n");
        AtomicFiles.writeString(parent.resolve("seeds.txt"), table(summary));
        return summary;
    }

    /** {@code config} with another seed. */
    public static RnnkitConfig withSeed(RnnkitConfig c, long seed) {
        return new RnnkitConfig(c.name(), seed, c.input(), c.encoder(), c.fcLayers(), c.output(), c.training(), c.data());
    }

    static Map<String, Spread> spreads(List<SeedRun> runs) {
        Map<String, Spread> out = new LinkedHashMap<>();
        if (runs.isEmpty()) {
            return out;
        }
        for (String key : runs.get(0).metrics().keySet()) {
            List<Double> values = runs.stream().map(r -> r.metrics().get(key)).toList();
            if (values.stream().allMatch(v -> v != null && Double.isFinite(v))) {
                out.put(key, Spread.of(values));
            }
        }
        out.put("best_epoch", Spread.of(runs.stream().map(r -> (double) r.bestEpoch()).toList()));
        return out;
    }

    /** The summary as a text table: one row per metric, mean ± standard deviation and each seed's value. */
    public static String table(Summary s) {
        List<String> headers = new ArrayList<>(List.of("metric", "mean", "std"));
        s.runs().forEach(r -> headers.add("seed " + r.seed()));
        MetricsTable table = MetricsTable.withColumns(headers.toArray(String[]::new));
        s.metrics().forEach((name, spread) -> {
            List<Object> row = new ArrayList<>(List.of(name, spread.mean(), spread.std()));
            row.addAll(spread.values());
            table.row(row.toArray());
        });
        String split = s.runs().isEmpty() ? "" : " on " + s.runs().get(0).evaluatedOn();
        return s.config() + ": " + s.runs().size() + " seeds" + split + (s.complete() ? "" : " (stopped before the last seed)")
                + "\n" + table.render();
    }
}
