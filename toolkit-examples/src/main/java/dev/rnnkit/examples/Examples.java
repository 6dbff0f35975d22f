package dev.rnnkit.examples;

import dev.rnnkit.catalog.DataDirectory;
import dev.rnnkit.catalog.DatasetFetcher;
import dev.rnnkit.catalog.FetchListener;
import dev.rnnkit.catalog.FetchReport;
import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.train.EpochSummary;
import dev.rnnkit.train.ProgressListener;
import dev.rnnkit.train.RunDirectory;
import dev.rnnkit.train.StopRequest;
import dev.rnnkit.train.Trainer;
import dev.rnnkit.train.TrainingResult;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The steps every example shares: load a config, make sure its data is there, train, print the result.
 */
public final class Examples {

    static {
        dev.rnnkit.platform.NativeBuild.selectDefault(); // the fastest ND4J native build, before ND4J loads
    }

    private Examples() {
    }

    /** Trains {@code configFile} with {@code key.path=value} overrides into {@code runs/} and prints the final evaluation. */
    public static TrainingResult train(String configFile, String... overrides) throws Exception {
        RnnkitConfig config = ConfigLoader.load(Path.of(configFile), Arrays.asList(overrides));
        // The data directory comes from RNNKIT_DATA_DIR (default ./data); catalogue data sets are fetched once.
        DataDirectory data = DataDirectory.locate(null, null);
        for (FetchReport report : data.fetchMissing(config.data().filesOf(config.data().train(), config.data().validation(), config.data().test()), new DatasetFetcher(), FetchListener.SILENT)) {
            System.out.println(report.summary());
        }
        ProgressListener progress = new ProgressListener() {
            @Override
            public void epochFinished(EpochSummary s) {
                List<String> validation = new java.util.ArrayList<>();
                s.validation().forEach((k, v) -> validation.add(String.format(Locale.ROOT, "%s %.4f", k, v)));
                System.out.printf(Locale.ROOT, "epoch %d/%d: train loss %.4f, %.0f examples/s; validation %s%n",
                        s.epoch(), s.epochs(), s.trainLoss(), s.examplesPerSecond(), String.join(", ", validation));
            }
        };
        RunDirectory run = RunDirectory.createUnder(Path.of("runs"), config.name(), LocalDateTime.now());
        TrainingResult result = new Trainer(progress, new StopRequest()).train(config, data.root(), run);
        if (result.evaluation() != null) {
            System.out.println("on the " + result.evaluatedOn() + " split:");
            System.out.println(result.evaluation().table());
        }
        System.out.println("run directory: " + run.root());
        return result;
    }

    /** The arguments as a list, for examples that add overrides of their own. */
    static List<String> overrides(String[] args, String... more) {
        List<String> all = new java.util.ArrayList<>(Arrays.asList(args));
        all.addAll(Arrays.asList(more));
        return all;
    }
}
