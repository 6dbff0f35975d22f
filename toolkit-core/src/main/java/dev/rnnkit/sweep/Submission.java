package dev.rnnkit.sweep;

import java.util.List;

/**
 * One submitted job array, a line of {@code slurm/submissions.jsonl}: array task {@code i} trains {@code trials[i]}.
 *
 * @param jobId     Slurm's job id
 * @param script    the sbatch script
 * @param trials    the trial ids, by array task index
 * @param submitted when (ISO-8601)
 */
public record Submission(String jobId, String script, List<String> trials, String submitted) {

    /** The Slurm task name of a trial in this array ({@code <job>_<index>}), or null when the array does not hold it. */
    public String task(String trialId) {
        int i = trials.indexOf(trialId);
        return i < 0 ? null : jobId + "_" + i;
    }
}
