package dev.rnnkit.sweep;

import dev.rnnkit.config.ConfigException;
import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.eval.AtomicFiles;
import dev.rnnkit.modelfile.ModelFileException;
import dev.rnnkit.runs.Leaderboard;
import dev.rnnkit.runs.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The steps of a sweep that every executor shares: expand into a sweep folder, and rank what the trials left. */
public final class Sweeps {

    private Sweeps() {
    }

    /**
     * Expands the sweep into {@code dir}: the sweep file's copy, the manifest, each trial's config, and a failed
     * status for each trial whose values make no valid config. Trials already there keep their status and run.
     */
    public static List<Trial> prepare(SweepFile sweep, SweepDirectory dir, Path dataDir) throws ConfigException {
        List<Trial> trials = TrialExpander.expand(sweep);
        try {
            Files.createDirectories(dir.root());
            AtomicFiles.writeString(dir.sweepCopy(), Files.readString(sweep.path()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep folder " + dir.root() + ": " + e.getMessage(), e);
        }
        List<SweepManifest.Entry> entries = new ArrayList<>();
        for (Trial t : trials) {
            entries.add(new SweepManifest.Entry(t.index(), t.id(), t.values(), t.error()));
            if (t.config() != null) {
                dir.writeTrialConfig(t.id(), ConfigLoader.toYaml(t.config()));
            } else {
                dir.writeStatus(t.id(), TrialStatus.invalid(t.error()));
            }
        }
        List<String> parameters = new ArrayList<>();
        trials.forEach(t -> t.values().keySet().stream().filter(k -> !parameters.contains(k)).forEach(parameters::add));
        dir.writeManifest(new SweepManifest(sweep.name(), sweep.path().toAbsolutePath().toString(), sweep.base().toString(),
                dataDir.toAbsolutePath().toString(), sweep.config().metric(), parameters, entries));
        return trials;
    }

    /** The leaderboard of a sweep: finished trials ranked by the sweep's metric, then the others with their state. */
    public static Leaderboard leaderboard(SweepDirectory dir, SweepState state) {
        SweepManifest m = state.manifest();
        List<Leaderboard.Row> rows = new ArrayList<>();
        for (SweepState.TrialView t : state.trials()) {
            String id = t.entry().id();
            RunSummary run = null;
            if (RunSummary.isRun(dir.runDir(id))) {
                try {
                    run = RunSummary.read(dir.runDir(id));
                } catch (ModelFileException e) {
                    run = null; // a run directory a killed attempt left half-written: the trial's state says enough
                }
            }
            boolean done = t.state().equals(TrialStatus.DONE);
            Double value = done && run != null ? run.metric(m.metric().name(), m.metric().split()) : null;
            String error = done && run != null && value == null
                    ? "the run logged no " + m.metric().split().yamlName() + " " + m.metric().name() : t.detail();
            rows.add(new Leaderboard.Row(0, id, new Trial(t.entry().index(), id, t.entry().values(), null, null).valueTexts(),
                    t.state(), value, run == null ? null : run.bestEpoch(), run == null ? null : run.epochs(),
                    run == null ? null : run.trainingSeconds(), t.status() == null ? null : t.status().seconds(),
                    dir.runDir(id).toString(), error));
        }
        return Leaderboard.rank(m.metric().name(), m.metric().split(), m.metric().goal(), m.parameters(), rows);
    }

    /** Writes leaderboard.txt, .csv, .json and a PNG per varied key into the sweep folder; returns the files. */
    public static List<Path> writeReport(SweepDirectory dir, Leaderboard board) {
        return board.writeAll(dir.root());
    }
}
