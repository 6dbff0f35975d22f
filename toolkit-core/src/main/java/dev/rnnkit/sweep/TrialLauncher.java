package dev.rnnkit.sweep;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that trains one trial in a process of its own: a prefix to which the sweep folder and the trial id
 * are appended (for rnnkit's CLI, {@code ... RnnkitCli sweep trial}).
 *
 * @param prefix the command words before the sweep folder and trial id
 */
public record TrialLauncher(List<String> prefix) {

    public TrialLauncher {
        prefix = List.copyOf(prefix);
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("a trial launcher needs a command");
        }
    }

    /**
     * The Java and class path of this JVM running {@code mainClass} with {@code args}, as the command of each trial.
     *
     * @param heapOptions whether to pass on this JVM's heap options (-Xmx, -Xms): yes for local trials; a Slurm task
     *                    gets its heap from its memory request instead
     */
    public static TrialLauncher currentJvm(String mainClass, boolean heapOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // Module openings and system properties matter to ND4J and Spark; agents and debuggers must not be copied.
            boolean heap = a.startsWith("-Xmx") || a.startsWith("-Xms");
            if ((heap && heapOptions) || a.startsWith("--add-opens") || a.startsWith("--add-exports")
                    || (a.startsWith("-D") && !a.startsWith("-Dmaven") && !a.startsWith("-Dsurefire"))) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return new TrialLauncher(cmd);
    }

    /** The full command for one trial. */
    public List<String> command(Path sweepDir, String trialId) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(sweepDir.toAbsolutePath().toString());
        cmd.add(trialId);
        return cmd;
    }
}
