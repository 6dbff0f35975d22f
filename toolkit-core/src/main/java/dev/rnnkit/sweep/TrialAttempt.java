package dev.rnnkit.sweep;

import dev.rnnkit.config.ConfigException;
import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.train.ProcessLock;
import dev.rnnkit.train.RunDirectory;
import dev.rnnkit.train.Trainer;
import dev.rnnkit.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One attempt at one trial, in the process that trains it: holds the trial's lock, keeps its {@code status.json}
 * true, and trains into its run directory, resuming from the last checkpoint when an earlier attempt left one.
 */
public final class TrialAttempt implements AutoCloseable {

    private final SweepDirectory dir;
    private final String id;
    private final ProcessLock lock;
    private final TrialStatus previous;
    private final Clock clock;
    private TrialStatus status;
    private long startNanos;

    private TrialAttempt(SweepDirectory dir, String id, ProcessLock lock, TrialStatus previous, Clock clock) {
        this.dir = dir;
        this.id = id;
        this.lock = lock;
        this.previous = previous;
        this.clock = clock;
    }

    /**
     * Takes the trial's lock; an unknown trial or one another process is running is an {@link IllegalArgumentException}.
     */
    public static TrialAttempt begin(SweepDirectory dir, String id, Clock clock) {
        if (dir.manifest().trial(id) == null) {
            throw new IllegalArgumentException(dir.root() + ": no trial '" + id + "' in sweep.json");
        }
        ProcessLock lock = dir.tryLock(id);
        if (lock == null) {
            throw new IllegalArgumentException("trial " + id + " is already running in another process");
        }
        return new TrialAttempt(dir, id, lock, dir.status(id), clock);
    }

    /** True when an earlier attempt finished the trial: nothing to do. */
    public boolean alreadyDone() {
        return previous != null && TrialStatus.DONE.equals(previous.state());
    }

    /**
     * Marks the trial running and trains it: a fresh run, or a resume of the checkpoint an earlier attempt left.
     * Writes done or interrupted when training returns; on an exception the caller reports it with {@link #failed}.
     */
    public TrainingResult train(Trainer trainer, Path dataDir) throws ConfigException, IOException {
        String slurmJob = System.getenv("SLURM_ARRAY_JOB_ID") != null && System.getenv("SLURM_ARRAY_TASK_ID") != null
                ? System.getenv("SLURM_ARRAY_JOB_ID") + "_" + System.getenv("SLURM_ARRAY_TASK_ID") : System.getenv("SLURM_JOB_ID");
        status = TrialStatus.starting(previous, clock.instant().toString(), host(), ProcessHandle.current().pid(), slurmJob);
        startNanos = System.nanoTime();
        dir.writeStatus(id, status);
        RnnkitConfig config = ConfigLoader.load(dir.trialConfig(id));
        Path runDir = dir.runDir(id);
        TrainingResult result;
        if (hasCheckpoint(runDir)) {
            result = trainer.resume(RunDirectory.existing(runDir), dataDir, config);
        } else {
            deleteTree(runDir); // an attempt killed before its first checkpoint: nothing worth keeping
            result = trainer.train(config, dataDir, RunDirectory.create(runDir));
        }
        end(result.interrupted() ? TrialStatus.INTERRUPTED : TrialStatus.DONE, result.interrupted() ? 130 : 0, null);
        return result;
    }

    /** Records that this attempt failed with {@code exitCode} and a one-line reason. */
    public void failed(int exitCode, String message) {
        if (status == null) {
            status = TrialStatus.starting(previous, clock.instant().toString(), host(), ProcessHandle.current().pid(), null);
            startNanos = System.nanoTime();
        }
        end(TrialStatus.FAILED, exitCode, message);
    }

    private void end(String state, int code, String message) {
        status = status.ended(state, clock.instant().toString(), (System.nanoTime() - startNanos) / 1e9, code, message);
        dir.writeStatus(id, status);
    }

    @Override
    public void close() {
        lock.close();
    }

    static boolean hasCheckpoint(Path runDir) {
        Path checkpoints = new RunDirectory(runDir).checkpoints();
        if (!Files.isDirectory(checkpoints) || !Files.isRegularFile(new RunDirectory(runDir).config())) {
            return false;
        }
        try (Stream<Path> s = Files.list(checkpoints)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".zip"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + checkpoints + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
