package dev.rnnkit.sweep;

import dev.rnnkit.eval.AtomicFiles;
import dev.rnnkit.eval.EvalJson;
import dev.rnnkit.modelfile.ModelFileException;
import dev.rnnkit.train.ProcessLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder of one sweep and the names of the files in it.
 *
 * <pre>
 * sweep.yaml                 the sweep file as last run
 * sweep.json                 the manifest: name, base config, data directory, metric, trials
 * trials/ID/config.yaml      the trial's resolved config
 * trials/ID/status.json      running, interrupted, done or failed, with times, host and error
 * trials/ID/train.log        the trial's output (local executor)
 * trials/ID/run/             the trial's ordinary run directory
 * slurm/array-NNN.sbatch     each submitted job array script; slurm/submissions.jsonl their job ids
 * slurm/JOB_TASK.out         each array task's output
 * leaderboard.txt/.csv/.json and leaderboard-KEY.png, written by sweep report
 * </pre>
 *
 * @param root the sweep folder
 */
public record SweepDirectory(Path root) {

    /** An existing sweep folder (it must hold a sweep.json). */
    public static SweepDirectory existing(Path dir) {
        SweepDirectory d = new SweepDirectory(dir);
        if (!Files.isRegularFile(d.manifestFile())) {
            throw new ModelFileException(dir + ": not a sweep directory (no sweep.json); start one with rnnkit sweep run SWEEP.yaml");
        }
        return d;
    }

    public Path manifestFile() {
        return root.resolve("sweep.json");
    }

    public Path sweepCopy() {
        return root.resolve("sweep.yaml");
    }

    public Path trialDir(String id) {
        return root.resolve("trials").resolve(id);
    }

    public Path trialConfig(String id) {
        return trialDir(id).resolve("config.yaml");
    }

    public Path statusFile(String id) {
        return trialDir(id).resolve("status.json");
    }

    public Path log(String id) {
        return trialDir(id).resolve("train.log");
    }

    public Path runDir(String id) {
        return trialDir(id).resolve("run");
    }

    private Path lockFile(String id) {
        return trialDir(id).resolve(".lock");
    }

    public Path slurmDir() {
        return root.resolve("slurm");
    }

    public Path submissions() {
        return slurmDir().resolve("submissions.jsonl");
    }

    /** The manifest. */
    public SweepManifest manifest() {
        try {
            return EvalJson.read(manifestFile(), SweepManifest.class);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(e.getMessage());
        }
    }

    /** Replaces the manifest. */
    public void writeManifest(SweepManifest manifest) {
        EvalJson.write(manifest, manifestFile());
    }

    /** The trial's status, or null when it was never started. */
    public TrialStatus status(String id) {
        Path f = statusFile(id);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return EvalJson.read(f, TrialStatus.class);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(e.getMessage());
        }
    }

    /** Replaces the trial's status (atomically: readers never see half a file). */
    public void writeStatus(String id, TrialStatus status) {
        EvalJson.write(status, statusFile(id));
    }

    /**
     * Takes the trial's lock, held by the process running it; null when another process holds it.
     * The lock goes with the process, so a killed trial never leaves a stale one.
     */
    public ProcessLock tryLock(String id) {
        return ProcessLock.tryLock(lockFile(id));
    }

    /** True when a process holds the trial's lock now. */
    public boolean running(String id) {
        return ProcessLock.held(lockFile(id));
    }

    /** Writes the trial's config unless the same text is there. */
    public void writeTrialConfig(String id, String yaml) {
        try {
            Path f = trialConfig(id);
            if (!Files.isRegularFile(f) || !Files.readString(f).equals(yaml)) {
                AtomicFiles.writeString(f, yaml);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + trialConfig(id) + ": " + e.getMessage(), e);
        }
    }

    /** The job arrays submitted so far, oldest first. */
    public java.util.List<Submission> submissionList() {
        Path f = submissions();
        if (!Files.isRegularFile(f)) {
            return java.util.List.of();
        }
        try {
            java.util.List<Submission> out = new java.util.ArrayList<>();
            for (String line : Files.readAllLines(f)) {
                if (!line.isBlank()) {
                    out.add(EvalJson.mapper().readValue(line, Submission.class));
                }
            }
            return out;
        } catch (IOException e) {
            throw new ModelFileException(f + ": not JSON lines of submissions: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Records a submitted job array (the file is replaced atomically with one more line). */
    public void addSubmission(Submission submission) {
        StringBuilder sb = new StringBuilder();
        try {
            for (Submission s : submissionList()) {
                sb.append(EvalJson.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(s)).append('\n');
            }
            sb.append(EvalJson.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(submission)).append('\n');
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        AtomicFiles.writeString(submissions(), sb.toString());
    }
}
