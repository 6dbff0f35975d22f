package dev.rnnkit.train;

import dev.rnnkit.modelfile.ModelFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The folder of one training run and the names of the files in it.
 *
 * <pre>
 * config.yaml          the fully resolved config
 * provenance.json      versions, hardware, seed, data SHA-256, git commit, times
 * metrics.jsonl        one JSON line per epoch and per evaluation
 * preprocessing.json   the fitted preprocessing artefact
 * checkpoints/         checkpoint-NNNN-MMMMMM.zip (epoch, minibatch), the last K kept
 * model-best.zip       the model with the best watched validation metric
 * model-last.zip       the model after the last epoch
 * evaluation/          metrics.json, metrics.txt and PNG plots of the final evaluation
 * </pre>
 *
 * @param root the run folder
 */
public record RunDirectory(Path root) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** The lock file of a run being trained (empty; the lock is what the process holds on it). */
    static final String LOCK = ".lock";

    /**
     * A new run folder {@code <parent>/<name>-<yyyyMMdd-HHmmss>} (with a suffix {@code -2}, {@code -3}, ... when that
     * exists). The folder is claimed with one atomic create, so runs started in the same second, by threads or by
     * processes, never share it.
     */
    public static RunDirectory createUnder(Path parent, String name, LocalDateTime now) {
        Path dir = claimUnder(parent, name, now);
        try {
            Files.createDirectories(dir.resolve("checkpoints"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + dir + ": " + e.getMessage(), e);
        }
        return new RunDirectory(dir);
    }

    /** Creates and returns a new empty folder {@code <parent>/<name>-<yyyyMMdd-HHmmss>[-N]} that no one else holds. */
    public static Path claimUnder(Path parent, String name, LocalDateTime now) {
        String base = name + "-" + STAMP.format(now);
        try {
            Files.createDirectories(parent);
            for (int i = 1; ; i++) {
                Path dir = parent.resolve(i == 1 ? base : base + "-" + i);
                try {
                    return Files.createDirectory(dir); // atomic: fails if another run took the name first
                } catch (FileAlreadyExistsException taken) {
                    // try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory under " + parent + ": " + e.getMessage(), e);
        }
    }

    /**
     * Uses {@code dir} as a new run folder; it must not exist, be empty, or hold only what a run killed before it
     * wrote anything leaves (an empty {@code checkpoints/}), which is reused.
     */
    public static RunDirectory create(Path dir) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new ModelFileException(dir + ": is a file; expected a new or empty folder for the run");
            }
            if (Files.isDirectory(dir) && !new RunDirectory(dir).neverStarted()) {
                throw new ModelFileException(dir + ": the run directory exists and is not empty; use --resume to continue it");
            }
            Files.createDirectories(dir.resolve("checkpoints"));
            return new RunDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The lock a training or resume holds on this run, so that two processes never write into it at once. */
    public ProcessLock lock() {
        ProcessLock lock = ProcessLock.tryLock(root.resolve(LOCK));
        if (lock == null) {
            throw new ModelFileException(root + ": another rnnkit process is training or resuming this run; wait for it to end "
                    + "or use another --run-dir");
        }
        return lock;
    }

    /** True when nothing was written but the empty checkpoints folder (and the lock file). */
    private boolean neverStarted() throws IOException {
        try (var entries = Files.list(root)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (name.equals(LOCK)) {
                    continue;
                }
                if (!p.equals(checkpoints()) || !Files.isDirectory(p)) {
                    return false;
                }
                try (var inside = Files.list(p)) {
                    if (inside.findAny().isPresent()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** An existing run folder (it must hold a config.yaml). */
    /**
     * Removes the directory if nothing was ever written into it (only the empty {@code checkpoints/}), so a
     * run that failed before training (bad data, say) can be started again with the same {@code --run-dir}.
     */
    public void deleteIfNeverStarted() {
        try {
            if (!Files.isDirectory(root) || !neverStarted()) {
                return;
            }
            Files.deleteIfExists(checkpoints());
            Files.deleteIfExists(root.resolve(LOCK));
            Files.delete(root);
        } catch (IOException e) {
            // Best effort: leaving an empty directory behind is harmless.
        }
    }

    public static RunDirectory existing(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelFileException(dir + ": no such run directory");
        }
        RunDirectory run = new RunDirectory(dir);
        if (!Files.isRegularFile(run.config())) {
            throw new ModelFileException(dir + ": not a run directory (no config.yaml)");
        }
        return run;
    }

    public Path config() {
        return root.resolve("config.yaml");
    }

    public Path provenance() {
        return root.resolve("provenance.json");
    }

    public Path metrics() {
        return root.resolve("metrics.jsonl");
    }

    public Path preprocessing() {
        return root.resolve("preprocessing.json");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path bestModel() {
        return root.resolve("model-best.zip");
    }

    public Path lastModel() {
        return root.resolve("model-last.zip");
    }

    public Path evaluation() {
        return root.resolve("evaluation");
    }

    /** DL4J training-UI statistics, when {@code training.ui_stats} is on ({@code rnnkit ui} shows them). */
    public Path uiStats() {
        return root.resolve(dev.rnnkit.config.UiStatsConfig.FILE_NAME);
    }

    /** The model to use from this run: the best one, else the last one. */
    public Path model() {
        if (Files.isRegularFile(bestModel())) {
            return bestModel();
        }
        if (Files.isRegularFile(lastModel())) {
            return lastModel();
        }
        throw new ModelFileException(root + ": the run has no model yet (no model-best.zip or model-last.zip)");
    }

    /** A run folder's model, or the path itself when it names a model file. */
    public static Path modelOf(Path runOrModel) {
        if (Files.isDirectory(runOrModel)) {
            return new RunDirectory(runOrModel).model();
        }
        if (!Files.exists(runOrModel)) {
            throw new ModelFileException(runOrModel + ": no such run directory or model file");
        }
        return runOrModel;
    }
}
