package dev.rnnkit.sweep;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What each array task of a Slurm sweep asks the scheduler for, and how it starts.
 *
 * @param partition  {@code --partition}; default the cluster's default partition
 * @param account    {@code --account}
 * @param qos        {@code --qos}
 * @param cpusPerTask {@code --cpus-per-task}, also the trial's thread count; default 2
 * @param mem        {@code --mem} per trial, e.g. 8G; default 4G (the JVM heap gets half: ND4J's off-heap memory is
 *                   capped at the heap size)
 * @param time       {@code --time} per trial, e.g. 02:00:00; default 01:00:00
 * @param gpus       GPUs per trial, as {@code --gres=gpu:N}
 * @param gres       a {@code --gres} value of its own, e.g. gpu:a100:1 (instead of gpus)
 * @param sbatchArgs further {@code #SBATCH} options, e.g. --constraint=avx512
 * @param setup      shell lines run before the trial, e.g. module load java/17
 * @param command    the command that starts rnnkit on the cluster, e.g. [rnnkit]; default the Java and class path
 *                   of the rnnkit that submits (clusters share the file system)
 */
public record SlurmConfig(
        @JsonPropertyDescription("sbatch --partition; default the cluster's default partition")
        String partition,
        @JsonPropertyDescription("sbatch --account")
        String account,
        @JsonPropertyDescription("sbatch --qos")
        String qos,
        @JsonPropertyDescription("sbatch --cpus-per-task, also each trial's thread count; default 2")
        Integer cpusPerTask,
        @JsonPropertyDescription("sbatch --mem per trial, e.g. 8G; default 4G (the JVM heap gets half of it)")
        String mem,
        @JsonPropertyDescription("sbatch --time per trial, e.g. 02:00:00 or 1-00:00:00; default 01:00:00")
        String time,
        @JsonPropertyDescription("GPUs per trial, requested as --gres=gpu:N; default none")
        Integer gpus,
        @JsonPropertyDescription("A --gres value of its own, e.g. gpu:a100:1 (instead of gpus)")
        String gres,
        @JsonPropertyDescription("Further sbatch options, one per entry, e.g. --constraint=avx512")
        List<String> sbatchArgs,
        @JsonPropertyDescription("Shell lines run before each trial, e.g. module load java/17")
        List<String> setup,
        @JsonPropertyDescription("The command that starts rnnkit on the cluster nodes, e.g. [rnnkit]; default the Java and class path of the submitting rnnkit (a shared file system)")
        List<String> command) {

    public SlurmConfig {
        cpusPerTask = cpusPerTask == null ? 2 : cpusPerTask;
        mem = mem == null ? "4G" : mem;
        time = time == null ? "01:00:00" : time;
        sbatchArgs = sbatchArgs == null ? List.of() : List.copyOf(sbatchArgs);
        setup = setup == null ? List.of() : List.copyOf(setup);
        command = command == null ? null : List.copyOf(command);
    }

    /** All defaults. */
    public static SlurmConfig defaults() {
        return new SlurmConfig(null, null, null, null, null, null, null, null, null, null, null);
    }
}
