package dev.rnnkit.sweep;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Where and how many trials of a sweep run at once.
 *
 * @param type           local (default) or slurm; {@code --executor} overrides it
 * @param parallel       trials at once: local processes, or Slurm's array throttle {@code %N}; default 1 locally,
 *                       unlimited on Slurm; {@code --parallel} overrides it
 * @param threadsPerTrial local trials: native threads each; default the processors divided by {@code parallel}
 * @param slurm          the Slurm job settings
 */
public record ExecutorConfig(
        @JsonPropertyDescription("local (processes on this machine, default) or slurm (one job array)")
        ExecutorType type,
        @JsonPropertyDescription("Trials at once: local processes, or the job array's %N throttle; default 1 locally, unlimited on Slurm")
        Integer parallel,
        @JsonPropertyDescription("Local trials: native (OpenMP) threads per trial; default the processors divided by parallel")
        Integer threadsPerTrial,
        @JsonPropertyDescription("Slurm job settings of each array task")
        SlurmConfig slurm) {

    public ExecutorConfig {
        type = type == null ? ExecutorType.LOCAL : type;
        slurm = slurm == null ? SlurmConfig.defaults() : slurm;
    }

    /** All defaults. */
    public static ExecutorConfig defaults() {
        return new ExecutorConfig(null, null, null, null);
    }

    /** A copy with another type and/or parallelism (from the command line); null keeps the value. */
    public ExecutorConfig with(ExecutorType newType, Integer newParallel) {
        return new ExecutorConfig(newType != null ? newType : type, newParallel != null ? newParallel : parallel,
                threadsPerTrial, slurm);
    }
}
