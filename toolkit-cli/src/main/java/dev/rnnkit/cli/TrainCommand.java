package dev.rnnkit.cli;

import dev.rnnkit.catalog.DataDirectory;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.train.RunDirectory;
import dev.rnnkit.train.SeedRuns;
import dev.rnnkit.train.Trainer;
import dev.rnnkit.train.TrainingResult;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rnnkit train CONFIG}: trains into a run directory, or resumes one. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the network a config describes into a run directory (config, provenance, metrics.jsonl, "
                + "checkpoints, best and last model, evaluation). Ctrl-C saves a checkpoint; --resume continues it.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Mixin
    DataOptions data;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "The run directory (default: runs/<name>-<yyyyMMdd-HHmmss>).")
    Path runDir;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue this run from its last checkpoint (CONFIG must match the run's config; training.epochs may grow).")
    Path resume;

    @Option(names = "--seeds", paramLabel = "SEED", split = ",",
            description = "Train once per seed (e.g. --seeds 42,43,44) into DIR/seed-<seed> and report every score as mean and "
                    + "standard deviation (DIR/seeds.json, seeds.txt).")
    java.util.List<Long> seeds;

    @Override
    public Integer call() throws Exception {
        RnnkitConfig config = options.loadOrReport(System.err);
        if (config == null) {
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        if (resume != null && runDir != null) {
            System.err.println("rnnkit: give either --run-dir or --resume, not both");
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        if (seeds != null && resume != null) {
            System.err.println("rnnkit: --seeds starts new runs; resume one seed's run with --resume DIR/seed-<seed>");
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        if (seeds != null && seeds.stream().distinct().count() != seeds.size()) {
            System.err.println("rnnkit: --seeds: each seed once, got " + seeds);
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        return ModelCommands.badInputAsExit2(System.err, () -> run(config));
    }

    private int run(RnnkitConfig config) throws Exception {
        // Before any data is fetched: an engine this application lacks is a config error, not a late failure.
        dev.rnnkit.train.engine.TrainingEngines.requireAvailable(config.training().engine());
        DataDirectory dataDir = data.dataDirectory();
        if (!DataFetching.fetchFor(config, dataDir)) {
            return RnnkitCli.EXIT_FAILED;
        }
        try (SignalStop stop = new SignalStop()) {
            ConsoleProgress progress = new ConsoleProgress(System.out, System.console() != null);
            Trainer trainer = new Trainer(progress, stop.request());
            if (seeds != null) {
                Path parent = runDir != null ? runDir : RunDirectory.claimUnder(Path.of("runs"), config.name() + "-seeds", LocalDateTime.now());
                SeedRuns.Summary summary = SeedRuns.train(trainer, config, seeds, dataDir.root(), parent, progress);
                System.out.print(SeedRuns.table(summary));
                System.out.println("seed runs: " + parent);
                return summary.complete() ? 0 : 130;
            }
            TrainingResult result = resume != null
                    ? trainer.resume(RunDirectory.existing(resume), dataDir.root(), config)
                    : trainer.train(config, dataDir.root(), runDir != null ? RunDirectory.create(runDir)
                            : RunDirectory.createUnder(Path.of("runs"), config.name(), LocalDateTime.now()));
            System.out.println("run directory: " + result.run().root());
            return result.interrupted() ? 130 : 0;
        }
    }
}
