package dev.rnnkit.cli;

import dev.rnnkit.eval.MetricsTable;
import dev.rnnkit.modelfile.ModelFileException;
import dev.rnnkit.runs.Goal;
import dev.rnnkit.runs.Leaderboard;
import dev.rnnkit.runs.MetricSplit;
import dev.rnnkit.runs.RunComparison;
import dev.rnnkit.runs.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit runs}: lists run directories and compares them. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List the run directories under a folder, or compare runs: the config keys that differ and a leaderboard by one metric.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Compare.class})
final class RunsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** How deep {@code runs list} looks for run directories (sweeps keep theirs at DIR/trials/ID/run). */
    private static final int SEARCH_DEPTH = 4;

    /** {@code rnnkit runs list [DIR]}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every run directory under DIR (default runs), with its state, epochs, best epoch and watched score.")
    static final class ListRuns implements Callable<Integer> {

        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Where to look (default: runs).")
        Path dir = Path.of("runs");

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(dir)) {
                System.err.println("rnnkit: " + dir + ": no such folder");
                return RnnkitCli.EXIT_BAD_INPUT;
            }
            List<Path> runs;
            try (Stream<Path> s = Files.walk(dir, SEARCH_DEPTH)) {
                runs = s.filter(Files::isDirectory).filter(RunSummary::isRun).sorted().toList();
            }
            MetricsTable table = MetricsTable.withColumns("run", "name", "state", "epochs", "best_epoch", "watched", "best value",
                    "evaluated_on", "train_s", "started");
            for (Path p : runs) {
                try {
                    RunSummary r = RunSummary.read(p);
                    Double best = r.watched() == null ? null : r.validation().get(r.watched());
                    table.row(dir.relativize(p).toString(), r.name(), r.state().label(), r.epochs(), r.bestEpoch(), r.watched(), best,
                            r.evaluatedOn(), r.trainingSeconds() == null ? null : Math.round(r.trainingSeconds()), r.started());
                } catch (ModelFileException e) {
                    table.row(dir.relativize(p).toString(), null, "unreadable: " + e.getMessage(), null, null, null, null, null, null, null);
                }
            }
            System.out.print(table.render());
            System.out.println(runs.size() + " run" + (runs.size() == 1 ? "" : "s") + " under " + dir);
            return 0;
        }
    }

    /** {@code rnnkit runs compare RUN...}. */
    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Rank runs by one metric, with the config keys whose values differ between them.")
    static final class Compare implements Callable<Integer> {

        @Parameters(index = "0..*", arity = "2..*", paramLabel = "RUN", description = "Run directories (two or more).")
        List<Path> runs = new ArrayList<>();

        @Option(names = "--metric", paramLabel = "NAME", description = "The metric that ranks them (default: the first run's watched metric).")
        String metric;

        @Option(names = "--split", paramLabel = "SPLIT", description = "validation (at each run's best epoch; default) or test (the final evaluation).")
        String split = "validation";

        @Option(names = "--goal", paramLabel = "GOAL", description = "minimize or maximize (default: follows the metric).")
        String goal;

        @Option(names = "--out", paramLabel = "DIR", description = "Also write leaderboard.txt, .csv, .json and PNGs into DIR.")
        Path out;

        @Override
        public Integer call() throws Exception {
            MetricSplit s = switch (split) {
                case "validation" -> MetricSplit.VALIDATION;
                case "test" -> MetricSplit.TEST;
                default -> null;
            };
            Goal g = goal == null ? null : switch (goal) {
                case "minimize" -> Goal.MINIMIZE;
                case "maximize" -> Goal.MAXIMIZE;
                default -> null;
            };
            if (s == null || (goal != null && g == null)) {
                System.err.println("rnnkit: " + (s == null ? "--split: expected validation or test, got '" + split + "'"
                        : "--goal: expected minimize or maximize, got '" + goal + "'"));
                return RnnkitCli.EXIT_BAD_INPUT;
            }
            return ModelCommands.badInputAsExit2(System.err, () -> {
                List<RunSummary> summaries = new ArrayList<>();
                for (Path p : runs) {
                    summaries.add(RunSummary.read(p));
                }
                String m = metric != null ? metric : summaries.get(0).watched() != null ? summaries.get(0).watched() : "loss";
                Leaderboard board = RunComparison.leaderboard(summaries, m, s, g);
                System.out.print(board.table());
                if (board.rows().stream().allMatch(r -> r.value() == null)) {
                    System.err.println("rnnkit: no run logged " + s.yamlName() + " " + m);
                    return RnnkitCli.EXIT_BAD_INPUT;
                }
                if (out != null) {
                    writeAll(board, out);
                }
                return 0;
            });
        }

        private static void writeAll(Leaderboard board, Path out) throws IOException {
            Files.createDirectories(out);
            board.writeAll(out);
            System.out.println("leaderboard written to " + out);
        }
    }
}
