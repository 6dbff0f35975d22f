package dev.rnnkit.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code sbatch} script of one job array: array task {@code i} trains the {@code i}-th of the given trials.
 *
 * <p>The trial ids are written into the script, so a script keeps meaning the same trials when the sweep file is
 * later edited and expanded again.
 */
public final class SbatchScript {

    private SbatchScript() {
    }

    /**
     * Renders the script.
     *
     * @param sweepName the sweep's name (the job is named {@code rnnkit-<name>})
     * @param sweepDir  the sweep folder, absolute (array tasks run wherever Slurm starts them)
     * @param trialIds  the trials, one per array task
     * @param executor  the executor settings: {@code parallel} becomes the array throttle {@code %N}
     * @param launcher  the command that trains one trial
     */
    public static String render(String sweepName, Path sweepDir, List<String> trialIds, ExecutorConfig executor, TrialLauncher launcher) {
        if (trialIds.isEmpty()) {
            throw new IllegalArgumentException("a job array needs at least one trial");
        }
        SlurmConfig s = executor.slurm();
        String dir = sweepDir.toAbsolutePath().normalize().toString();
        if (!dir.matches("[^\\s'\"\\\\$`]+")) {
            // #SBATCH lines are split at white space, and Slurm expands no quotes in them.
            throw new IllegalArgumentException("the sweep folder " + dir + " has spaces or quotes in its path; Slurm's #SBATCH "
                    + "lines cannot hold them: choose another --out");
        }
        StringBuilder sb = new StringBuilder("#!/bin/bash\n");
        sb.append("# rnnkit sweep ").append(sweepName).append(": ").append(trialIds.size())
                .append(trialIds.size() == 1 ? " trial" : " trials").append(", one per array task (written by rnnkit sweep run)\n");
        sbatch(sb, "--job-name=rnnkit-" + sweepName);
        sbatch(sb, "--array=0-" + (trialIds.size() - 1) + (executor.parallel() != null ? "%" + executor.parallel() : ""));
        sbatch(sb, "--cpus-per-task=" + s.cpusPerTask());
        sbatch(sb, "--mem=" + s.mem());
        sbatch(sb, "--time=" + s.time());
        if (s.partition() != null) {
            sbatch(sb, "--partition=" + s.partition());
        }
        if (s.account() != null) {
            sbatch(sb, "--account=" + s.account());
        }
        if (s.qos() != null) {
            sbatch(sb, "--qos=" + s.qos());
        }
        if (s.gpus() != null) {
            sbatch(sb, "--gres=gpu:" + s.gpus());
        } else if (s.gres() != null) {
            sbatch(sb, "--gres=" + s.gres());
        }
        s.sbatchArgs().forEach(a -> sbatch(sb, a));
        sbatch(sb, "--output=" + dir + "/slurm/%A_%a.out");
        sb.append("set -eo pipefail\n");
        sb.append("trials=(").append(String.join(" ", trialIds)).append(")\n");
        sb.append("trial=\"${trials[$SLURM_ARRAY_TASK_ID]}\"\n");
        sb.append("# One native thread per CPU of the task; the JVM heap is half the memory request, because ND4J's\n");
        sb.append("# off-heap memory is capped at the heap size (JDK_JAVA_OPTIONS reaches any java launcher).\n");
        sb.append("export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n");
        sb.append("export RNNKIT_JAVA_OPTS=\"-Xmx").append(heapMegabytes(s.mem())).append("m\"\n");
        sb.append("export JDK_JAVA_OPTIONS=\"$RNNKIT_JAVA_OPTS\"\n");
        s.setup().forEach(line -> sb.append(line).append('\n'));
        sb.append("exec");
        for (String word : launcher.prefix()) {
            sb.append(' ').append(quote(word));
        }
        sb.append(' ').append(quote(dir)).append(" \"$trial\"\n");
        return sb.toString();
    }

    /** Half of an sbatch {@code --mem} value (megabytes when it has no unit), in megabytes, at least 256. */
    static long heapMegabytes(String mem) {
        char unit = Character.toUpperCase(mem.charAt(mem.length() - 1));
        long n = Long.parseLong(Character.isDigit(unit) ? mem : mem.substring(0, mem.length() - 1));
        long mb = switch (unit) {
            case 'K' -> n / 1024;
            case 'G' -> n * 1024;
            case 'T' -> n * 1024 * 1024;
            default -> n;
        };
        return Math.max(256, mb / 2);
    }

    private static void sbatch(StringBuilder sb, String option) {
        sb.append("#SBATCH ").append(option).append('\n');
    }

    /** A word for bash: single-quoted unless it is plainly safe. */
    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
