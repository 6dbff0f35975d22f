package dev.rnnkit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rnnkit} entry point, which dispatches to the sub-commands.
 */
@Command(name = "rnnkit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Config-driven recurrent networks on Deeplearning4j.",
        subcommands = {
                ValidateCommand.class,
                InspectCommand.class,
                SchemaCommand.class,
                TrainCommand.class,
                EvaluateCommand.class,
                PredictCommand.class,
                GenerateCommand.class,
                DatasetsCommand.class,
                BenchmarkCommand.class,
                EnvCommand.class,
                SweepCommand.class,
                RunsCommand.class,
                UiCommand.class,
                BacktestCommand.class,
                CommandLine.HelpCommand.class
        })
public final class RnnkitCli implements Runnable {

    static {
        // Before anything logs: logback reads a misspelt RNNKIT_LOG_LEVEL as DEBUG without a word.
        String logLevel = LogLevel.problem(System.getenv(LogLevel.ENV));
        if (logLevel != null) {
            System.err.println("rnnkit: " + logLevel);
            System.exit(2);
        }
        // Before anything touches ND4J: the fastest native build this CPU runs (RNNKIT_NATIVE overrides).
        dev.rnnkit.platform.NativeBuild.selectDefault();
    }

    /** Exit code for bad input: arguments, config, data or model file. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for a job that failed while running. */
    public static final int EXIT_FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the command line with rnnkit's error handling. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RnnkitCli());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            // One line, as every other bad input: the problem, a suggestion where picocli has one, and where help is.
            String suggestion = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                suggestion = "; did you mean " + String.join(" or ", u.getSuggestions().stream().limit(3)
                        .map(s -> "'" + s + "'").toList()) + "?";
            }
            c.getErr().println("rnnkit: " + ex.getMessage().lines().findFirst().orElse("") + suggestion
                    + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            c.getErr().println("rnnkit: " + Errors.oneLine(ex));
            return EXIT_FAILED;
        });
        return cl;
    }

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (Throwable t) {
            // Errors (out of memory, a broken installation) bypass picocli's handler: still one line.
            System.err.println("rnnkit: " + Errors.oneLine(t));
            code = EXIT_FAILED;
        }
        System.exit(code);
    }
}
