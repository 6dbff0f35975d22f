package dev.rnnkit.cli;

import dev.rnnkit.backtest.Backtest;
import dev.rnnkit.backtest.BacktestPlan;
import dev.rnnkit.catalog.DataDirectory;
import dev.rnnkit.config.ConfigError;
import dev.rnnkit.config.ConfigException;
import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.modelfile.SavedModel;
import dev.rnnkit.train.RunDirectory;
import dev.rnnkit.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit backtest}: rolling-origin evaluation of a forecaster over a period, with or without refitting. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Forecast from every origin of a period (every --stride steps) and score model, persistence and seasonal "
                + "naive overall and per horizon step. Without --folds the trained model forecasts; with --folds K the config is "
                + "trained again before each of K consecutive folds, on the data before it.")
final class BacktestCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR|MODEL|CONFIG",
            description = "A run directory or model zip (its model, or with --folds its config), or a config file (with --folds).")
    Path source;

    @Option(names = "--start", paramLabel = "TIME", description = "First forecast time scored (compared as text, e.g. 2017-10-24 00:00:00; default: the first the data allows).")
    String start;

    @Option(names = "--end", paramLabel = "TIME", description = "First forecast time not scored (default: the end of the data).")
    String end;

    @Option(names = "--stride", paramLabel = "N", description = "Steps between scored origins (default 1: every step).")
    int stride = 1;

    @Option(names = "--folds", paramLabel = "K", description = "Refit: train the config again before each of K folds (default 0: no refit).")
    int folds;

    @Option(names = "--data", paramLabel = "FILE", description = "The series (default: the config's data.train in the data directory).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the results (default: backtest-<yyyyMMdd-HHmmss> under the run, or under runs/).")
    Path out;

    @Option(names = "--plot-steps", paramLabel = "STEP", split = ",",
            description = "Horizon steps to plot against the actual values, e.g. 1,12,24 (default: the first and the last).")
    List<Integer> plotSteps;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        BacktestPlan plan;
        try {
            plan = new BacktestPlan(start, end, stride, folds);
        } catch (IllegalArgumentException e) {
            System.err.println("rnnkit: " + e.getMessage());
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        return ModelCommands.badInputAsExit2(System.err, () -> plan.refits() ? refit(plan) : withModel(plan));
    }

    private int withModel(BacktestPlan plan) throws Exception {
        SavedModel model = ModelCommands.load(source);
        requireForecaster(model.file(), model.metadata().config());
        checkPlotSteps(model.metadata().config().output().horizon());
        DataDirectory dir = dataOptions.dataDirectory();
        Path series = data != null ? data : DataPipelines.resolve(dir.root(), model.metadata().config().data().train());
        Backtest.Result r = Backtest.withModel(model, series, plan);
        return report(r, out != null ? out : RunDirectory.claimUnder(Files.isDirectory(source) ? source : Path.of("runs"), "backtest",
                java.time.LocalDateTime.now()));
    }

    private int refit(BacktestPlan plan) throws Exception {
        if (data != null) {
            System.err.println("rnnkit: --data is for backtests of a trained model; with --folds the config's data.train is refit");
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        Path configFile = Files.isDirectory(source) ? RunDirectory.existing(source).config() : source;
        RnnkitConfig config;
        try {
            config = ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            e.errors().stream().map(ConfigError::toString).forEach(System.err::println);
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        requireForecaster(configFile, config);
        checkPlotSteps(config.output().horizon());
        DataDirectory dir = dataOptions.dataDirectory();
        if (!DataFetching.fetchFor(config, dir)) {
            return RnnkitCli.EXIT_FAILED;
        }
        Path target = out != null ? out : RunDirectory.claimUnder(Files.isDirectory(source) ? source : Path.of("runs"),
                "backtest-" + config.name(), java.time.LocalDateTime.now());
        try (SignalStop stop = new SignalStop()) {
            Trainer trainer = new Trainer(new ConsoleProgress(System.out, System.console() != null), stop.request());
            return report(Backtest.withRefit(config, dir.root(), plan, target, trainer), target);
        }
    }

    /** Names the model or config a backtest cannot use. */
    private static void requireForecaster(Path file, RnnkitConfig config) {
        if (config.output().type() != dev.rnnkit.config.OutputType.FORECAST) {
            throw new IllegalArgumentException(file + ": not a forecast model (output.type " + config.output().type().yamlName()
                    + "); backtests are for forecasters (output.type: forecast)");
        }
    }

    /** Before anything runs or is written: each plot step must be one the model forecasts. */
    private void checkPlotSteps(Integer horizon) {
        if (plotSteps == null || horizon == null) {
            return;
        }
        for (int step : plotSteps) {
            if (step < 1 || step > horizon) {
                throw new IllegalArgumentException("--plot-steps: plot step " + step + " is outside the horizon 1.." + horizon
                        + " (output.horizon)");
            }
        }
    }

    private int report(Backtest.Result r, Path target) throws Exception {
        Files.createDirectories(target);
        List<Path> files = plotSteps == null ? Backtest.write(r, target) : Backtest.write(r, target, plotSteps);
        System.out.println("backtest over " + r.origins() + " origins" + (r.folds().isEmpty() ? "" : " in " + r.folds().size() + " refit folds"));
        System.out.print(r.report().toTable());
        System.out.println("written to " + target + ": " + files.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")));
        return 0;
    }
}
