package dev.rnnkit.cli;

import dev.rnnkit.catalog.DataDirectory;
import dev.rnnkit.config.ConfigError;
import dev.rnnkit.config.ConfigException;
import dev.rnnkit.data.DataFormatException;
import dev.rnnkit.modelfile.ModelFileException;
import dev.rnnkit.runs.Leaderboard;
import dev.rnnkit.sweep.ExecutorConfig;
import dev.rnnkit.sweep.ExecutorType;
import dev.rnnkit.sweep.LocalExecutor;
import dev.rnnkit.sweep.SbatchScript;
import dev.rnnkit.sweep.SlurmClient;
import dev.rnnkit.sweep.Submission;
import dev.rnnkit.sweep.SweepDirectory;
import dev.rnnkit.sweep.SweepFile;
import dev.rnnkit.sweep.SweepState;
import dev.rnnkit.sweep.Sweeps;
import dev.rnnkit.sweep.Trial;
import dev.rnnkit.sweep.TrialAttempt;
import dev.rnnkit.sweep.TrialLauncher;
import dev.rnnkit.sweep.TrialStatus;
import dev.rnnkit.train.Trainer;
import dev.rnnkit.train.TrainingResult;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit sweep}: many trainings of one config with different values, locally or as a Slurm job array. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a sweep file's trials (each an ordinary run) on this machine or as a Slurm job array, see where "
                + "they stand, and rank them on a leaderboard.",
        subcommands = {SweepCommand.Run.class, SweepCommand.Status.class, SweepCommand.Report.class, SweepCommand.TrialCommand.class})
final class SweepCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Seconds between two looks at the Slurm queue while waiting. */
    private static final long POLL_SECONDS = 5;

    /** {@code rnnkit sweep run SWEEP.yaml}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Expand the sweep into DIR (default sweeps/<name>) and run the trials that are missing, failed or "
                    + "interrupted; finished trials are kept. Exit 0 when every trial is done, 1 when some failed.")
    static final class Run implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SWEEP", description = "The sweep file (YAML).")
        Path sweepFile;

        @Option(names = "--out", paramLabel = "DIR", description = "The sweep directory (default: sweeps/<name>); run the same command again to resume.")
        Path out;

        @Option(names = "--executor", paramLabel = "TYPE", description = "local or slurm (default: the sweep file's executor.type).")
        String executor;

        @Option(names = "--parallel", paramLabel = "N", description = "Trials at once: local processes, or the job array's %%N throttle.")
        Integer parallel;

        @Option(names = "--dry-run", description = "Print the trials (and the sbatch script) without writing or running anything.")
        boolean dryRun;

        @Option(names = "--wait", description = "Slurm: wait until every submitted trial has ended, then print the leaderboard.")
        boolean waitForSlurm;

        @Mixin
        DataOptions data;

        @Override
        public Integer call() throws Exception {
            ExecutorType type = null;
            if (executor != null) {
                type = switch (executor) {
                    case "local" -> ExecutorType.LOCAL;
                    case "slurm" -> ExecutorType.SLURM;
                    default -> null;
                };
                if (type == null) {
                    System.err.println("rnnkit: --executor: expected local or slurm, got '" + executor + "'");
                    return RnnkitCli.EXIT_BAD_INPUT;
                }
            }
            if (parallel != null && parallel < 1) {
                System.err.println("rnnkit: --parallel: expected at least 1, got " + parallel);
                return RnnkitCli.EXIT_BAD_INPUT;
            }
            SweepFile sweep = loadOrReport(sweepFile);
            if (sweep == null) {
                return RnnkitCli.EXIT_BAD_INPUT;
            }
            SweepFile chosen = sweep.withExecutor(sweep.config().executor().with(type, parallel));
            return ModelCommands.badInputAsExit2(System.err, () -> run(chosen));
        }

        private int run(SweepFile sweep) throws Exception {
            SweepDirectory dir = new SweepDirectory(out != null ? out : Path.of("sweeps", sweep.name()));
            ExecutorConfig exec = sweep.config().executor();
            List<Trial> trials;
            DataDirectory dataDir = data.dataDirectory();
            if (dryRun) {
                trials = expandOrReport(sweep, null, dataDir);
                if (trials == null) {
                    return RnnkitCli.EXIT_BAD_INPUT;
                }
                System.out.print(trialTable(trials));
                List<String> valid = trials.stream().filter(t -> t.config() != null).map(Trial::id).toList();
                if (exec.type() == ExecutorType.SLURM && !valid.isEmpty()) {
                    System.out.println("\nsbatch script for the " + valid.size() + " valid trials (not submitted):");
                    System.out.print(SbatchScript.render(sweep.name(), dir.root(), valid, exec, slurmLauncher(exec)));
                }
                return 0;
            }
            trials = expandOrReport(sweep, dir, dataDir);
            if (trials == null) {
                return RnnkitCli.EXIT_BAD_INPUT;
            }
            Trial first = trials.stream().filter(t -> t.config() != null).findFirst().orElse(null);
            if (first != null && !DataFetching.fetchFor(first.config(), dataDir)) {
                return RnnkitCli.EXIT_FAILED;
            }
            SlurmClient slurm = new SlurmClient();
            SweepState state = SweepState.read(dir);
            List<SweepState.TrialView> toRun = state.trials().stream().filter(SweepState.TrialView::runnable).toList();
            System.out.println("sweep " + sweep.name() + ": " + trials.size() + " trials in " + dir.root() + " ("
                    + counts(state) + "); " + (toRun.isEmpty() ? "nothing to run" : toRun.size() + " to run"));
            for (SweepState.TrialView t : state.trials()) {
                if (t.entry().error() != null) {
                    System.out.println("trial " + t.entry().id() + " is not valid: " + t.entry().error());
                }
            }
            List<Trial> runnable = trials.stream()
                    .filter(t -> toRun.stream().anyMatch(v -> v.entry().id().equals(t.id()))).toList();
            if (!runnable.isEmpty()) {
                if (exec.type() == ExecutorType.LOCAL) {
                    runLocally(dir, runnable, exec);
                } else {
                    submit(sweep, dir, runnable, exec, slurm);
                    if (!waitForSlurm) {
                        System.out.println("follow it with: rnnkit sweep status " + dir.root() + "; rank it with: rnnkit sweep report " + dir.root());
                        return 0;
                    }
                    waitForQueue(dir, slurm);
                }
            }
            return report(dir);
        }

        private void runLocally(SweepDirectory dir, List<Trial> trials, ExecutorConfig exec) throws InterruptedException {
            int n = exec.parallel() != null ? exec.parallel() : 1;
            int threads = exec.threadsPerTrial() != null ? exec.threadsPerTrial() : LocalExecutor.defaultThreads(n);
            LocalExecutor local = new LocalExecutor(TrialLauncher.currentJvm(RnnkitCli.class.getName(), true, "sweep", "trial"),
                    n, threads, Clock.systemUTC());
            System.out.println("running " + trials.size() + " trials, " + n + " at a time, " + threads + " thread"
                    + (threads == 1 ? "" : "s") + " each; output in " + dir.root().resolve("trials") + "/<trial>/train.log");
            // Ctrl-C or SIGTERM: each trial writes a checkpoint and records itself interrupted; running again resumes.
            Thread hook = new Thread(() -> local.stop(300), "sweep-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            AtomicInteger ended = new AtomicInteger();
            try {
                local.run(dir, trials, new LocalExecutor.Listener() {
                    @Override
                    public void started(Trial trial) {
                        System.out.println("trial " + trial.id() + " started: " + trial.describe());
                    }

                    @Override
                    public void finished(Trial trial, TrialStatus status) {
                        System.out.printf(Locale.ROOT, "trial %s %s after %.0f s (%d of %d)%s%n", trial.id(), status.state(),
                                status.seconds() == null ? 0.0 : status.seconds(), ended.incrementAndGet(), trials.size(),
                                status.error() == null ? "" : ": " + status.error());
                    }
                });
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is stopping the trials.
                }
            }
        }

        private void submit(SweepFile sweep, SweepDirectory dir, List<Trial> trials, ExecutorConfig exec, SlurmClient slurm)
                throws Exception {
            List<String> ids = trials.stream().map(Trial::id).toList();
            int number = dir.submissionList().size() + 1;
            Path script = dir.slurmDir().resolve(String.format(Locale.ROOT, "array-%03d.sbatch", number));
            dev.rnnkit.eval.AtomicFiles.writeString(script, SbatchScript.render(sweep.name(), dir.root(), ids, exec, slurmLauncher(exec)));
            String job = slurm.submit(script);
            dir.addSubmission(new Submission(job, script.toAbsolutePath().toString(), ids, Clock.systemUTC().instant().toString()));
            System.out.println("submitted Slurm job " + job + ": " + ids.size() + " trials as array 0-" + (ids.size() - 1)
                    + (exec.parallel() != null ? "%" + exec.parallel() : "") + " (" + script + ")");
        }

        private static TrialLauncher slurmLauncher(ExecutorConfig exec) {
            List<String> command = exec.slurm().command();
            if (command == null) {
                return TrialLauncher.currentJvm(RnnkitCli.class.getName(), false, "sweep", "trial");
            }
            List<String> words = new ArrayList<>(command);
            words.addAll(List.of("sweep", "trial"));
            return new TrialLauncher(words);
        }

        private static void waitForQueue(SweepDirectory dir, SlurmClient slurm) throws Exception {
            String last = "";
            while (true) {
                SweepState state = SweepState.read(dir, slurm);
                String now = counts(state);
                if (!now.equals(last)) {
                    System.out.println("slurm: " + now);
                    last = now;
                }
                if (state.settled()) {
                    return;
                }
                Thread.sleep(POLL_SECONDS * 1000);
            }
        }
    }

    /** {@code rnnkit sweep status DIR}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Where each trial stands: pending, queued, running, interrupted, done or failed (with Slurm task ids and errors).")
    static final class Status implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DIR", description = "The sweep directory.")
        Path dir;

        @Override
        public Integer call() throws Exception {
            return ModelCommands.badInputAsExit2(System.err, () -> {
                SweepState state = SweepState.read(SweepDirectory.existing(dir));
                System.out.print(state.table());
                System.out.println(state.manifest().name() + ": " + counts(state));
                return 0;
            });
        }
    }

    /** {@code rnnkit sweep report DIR}. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Rank the trials by the sweep's metric: a table here, and leaderboard.txt, .csv, .json and a PNG "
                    + "per varied key in DIR.")
    static final class Report implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DIR", description = "The sweep directory.")
        Path dir;

        @Override
        public Integer call() throws Exception {
            return ModelCommands.badInputAsExit2(System.err, () -> {
                report(SweepDirectory.existing(dir));
                return 0;
            });
        }
    }

    /** {@code rnnkit sweep trial DIR ID}: what each local process or Slurm array task runs. */
    @Command(name = "trial", hidden = true, mixinStandardHelpOptions = true,
            description = "Train one trial of a sweep directory (run by sweep run's processes and Slurm array tasks).")
    static final class TrialCommand implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DIR", description = "The sweep directory.")
        Path dir;

        @Parameters(index = "1", paramLabel = "ID", description = "The trial id.")
        String id;

        @Override
        public Integer call() throws Exception {
            SweepDirectory sweep;
            try {
                sweep = SweepDirectory.existing(dir);
            } catch (ModelFileException e) {
                System.err.println("rnnkit: " + e.getMessage());
                return RnnkitCli.EXIT_BAD_INPUT;
            }
            TrialAttempt attempt;
            try {
                attempt = TrialAttempt.begin(sweep, id, Clock.systemUTC());
            } catch (IllegalArgumentException | ModelFileException e) {
                System.err.println("rnnkit: " + e.getMessage());
                return RnnkitCli.EXIT_BAD_INPUT;
            }
            try (attempt; SignalStop stop = new SignalStop()) {
                if (attempt.alreadyDone()) {
                    System.out.println("trial " + id + " is done already");
                    return 0;
                }
                Path dataDir = Path.of(sweep.manifest().dataDir());
                try {
                    TrainingResult result = attempt.train(new Trainer(new ConsoleProgress(System.out, false), stop.request()), dataDir);
                    System.out.println("trial " + id + (result.interrupted() ? " interrupted" : " done") + ": " + result.run().root());
                    return result.interrupted() ? 130 : 0;
                } catch (ConfigException e) {
                    e.errors().forEach(System.err::println);
                    attempt.failed(RnnkitCli.EXIT_BAD_INPUT, e.errors().get(0).toString());
                    return RnnkitCli.EXIT_BAD_INPUT;
                } catch (ModelFileException | DataFormatException | IllegalArgumentException | UncheckedIOException e) {
                    String line = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
                    System.err.println("rnnkit: " + line);
                    attempt.failed(RnnkitCli.EXIT_BAD_INPUT, line);
                    return RnnkitCli.EXIT_BAD_INPUT;
                } catch (Exception | Error e) {
                    String line = Errors.oneLine(e);
                    System.err.println("rnnkit: " + line);
                    attempt.failed(RnnkitCli.EXIT_FAILED, line);
                    return RnnkitCli.EXIT_FAILED;
                }
            }
        }
    }

    static SweepFile loadOrReport(Path file) {
        try {
            return SweepFile.load(file);
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) {
                System.err.println(error);
            }
            return null;
        }
    }

    /** Expands (and, with a directory, prepares) the trials, or prints the sweep's errors and returns null. */
    static List<Trial> expandOrReport(SweepFile sweep, SweepDirectory dir, DataDirectory dataDir) {
        try {
            return dir == null ? dev.rnnkit.sweep.TrialExpander.expand(sweep) : Sweeps.prepare(sweep, dir, dataDir.root());
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) {
                System.err.println(error);
            }
            return null;
        }
    }

    static String trialTable(List<Trial> trials) {
        List<String> keys = new ArrayList<>();
        trials.forEach(t -> t.values().keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add));
        List<String> header = new ArrayList<>(List.of("index", "trial"));
        header.addAll(keys);
        header.add("config");
        dev.rnnkit.eval.MetricsTable table = dev.rnnkit.eval.MetricsTable.withColumns(header.toArray(String[]::new));
        for (Trial t : trials) {
            List<Object> row = new ArrayList<>(List.of(t.index(), t.id()));
            Map<String, String> values = t.valueTexts();
            keys.forEach(k -> row.add(values.getOrDefault(k, "")));
            row.add(t.error() == null ? "valid" : t.error());
            table.row(row.toArray());
        }
        return table.render();
    }

    static String counts(SweepState state) {
        return state.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    /** Writes and prints the leaderboard; exit 0 when every trial is done, else 1. */
    static int report(SweepDirectory dir) throws Exception {
        SweepState state = SweepState.read(dir);
        Leaderboard board = Sweeps.leaderboard(dir, state);
        List<Path> files = Sweeps.writeReport(dir, board);
        System.out.print(board.table());
        System.out.println(state.manifest().name() + ": " + counts(state));
        System.out.println("leaderboard: " + files.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
                + " in " + dir.root());
        boolean allDone = state.trials().stream().allMatch(t -> t.state().equals(TrialStatus.DONE));
        return allDone ? 0 : RnnkitCli.EXIT_FAILED;
    }
}
