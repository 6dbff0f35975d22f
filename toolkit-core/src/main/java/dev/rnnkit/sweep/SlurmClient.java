package dev.rnnkit.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Talks to Slurm through its own commands: {@code sbatch} to submit a job array, {@code squeue} to see its tasks.
 *
 * <p>Without accounting storage {@code sacct} knows nothing, so a task that left the queue is judged by what its
 * trial wrote: a task gone without a result ended early (time limit, memory, a node failure).
 */
public class SlurmClient {

    /** Submits a script; returns the job id. */
    public String submit(Path script) throws IOException, InterruptedException {
        Result r = run(List.of("sbatch", "--parsable", script.toAbsolutePath().toString()));
        if (r.code != 0) {
            throw new IOException("sbatch " + script + " failed (exit " + r.code + "): " + firstLine(r.err.isBlank() ? r.out : r.err));
        }
        String id = r.out.strip().split(";", 2)[0];
        if (!id.matches("\\d+")) {
            throw new IOException("sbatch printed no job id: " + firstLine(r.out));
        }
        return id;
    }

    /**
     * The state of each queued or running task of these jobs, by {@code <job>_<task>} (PENDING, RUNNING, ...).
     * Tasks that finished are absent. Empty when squeue knows none of the jobs.
     */
    public Map<String, String> queue(List<String> jobIds) throws IOException, InterruptedException {
        Map<String, String> out = new LinkedHashMap<>();
        if (jobIds.isEmpty()) {
            return out;
        }
        Result r = run(List.of("squeue", "-h", "-r", "-o", "%i %T", "-j", String.join(",", jobIds)));
        if (r.code != 0) {
            if (r.err.contains("Invalid job id")) {
                return out; // every job finished long ago and was purged
            }
            throw new IOException("squeue failed (exit " + r.code + "): " + firstLine(r.err));
        }
        for (String line : r.out.split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2) {
                out.put(parts[0], parts[1]);
            }
        }
        return out;
    }

    /** The command's exit code and output; a missing Slurm command is an {@link IOException} saying so. */
    protected Result run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IOException(command.get(0) + " not found: --executor slurm needs Slurm's commands on PATH "
                    + "(on one machine, scripts/local-slurm start runs a local Slurm)", e);
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " did not answer within 60 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** A finished command. */
    protected record Result(int code, String out, String err) {
    }

    private static String firstLine(String s) {
        return s.strip().lines().findFirst().orElse("");
    }

    /** Job ids of submissions, without duplicates, in order. */
    static List<String> jobIds(List<Submission> submissions) {
        List<String> ids = new ArrayList<>();
        for (Submission s : submissions) {
            if (!ids.contains(s.jobId())) {
                ids.add(s.jobId());
            }
        }
        return ids;
    }
}
