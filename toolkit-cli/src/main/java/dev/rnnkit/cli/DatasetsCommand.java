package dev.rnnkit.cli;

import dev.rnnkit.catalog.DataDirectory;
import dev.rnnkit.catalog.Dataset;
import dev.rnnkit.catalog.DatasetFetcher;
import dev.rnnkit.catalog.FetchReport;
import dev.rnnkit.data.seq2seq.SyntheticPairs;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rnnkit datasets list|fetch|path}: the example data sets and where they live. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List, fetch and locate the data sets the examples use.")
final class DatasetsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Show each catalogue data set: files, size and whether it is in the data directory.")
    int list(@Mixin DataOptions options) {
        DataDirectory data = options.dataDirectory();
        PrintWriter out = spec.commandLine().getOut();
        out.println("data directory: " + data.describe());
        out.println("mirror:         " + data.describeMirror());
        String row = "%-12s %5s %9s  %-8s %s%n";
        out.printf(row, "NAME", "FILES", "SIZE", "PRESENT", "LOCATION");
        for (Dataset d : data.catalog().datasets()) {
            int present = data.presentFiles(d);
            String state = present == d.files().size() ? "yes" : present == 0 ? "no" : present + "/" + d.files().size();
            out.printf(row, d.name(), d.files().size(), size(d.totalSize()), state,
                    present == 0 ? "-" : data.datasetDirectory(d));
        }
        return 0;
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Put a data set into <data-dir>/NAME: skip verified files, copy from the mirror, "
                    + "else download; every file is checked against its SHA-256.")
    int fetch(@Parameters(paramLabel = "NAME", description = "Data set name (see 'rnnkit datasets list').") String name,
              @Mixin DataOptions options) {
        return withDataset(name, options, (data, dataset) -> {
            FetchReport report = new DatasetFetcher().fetch(dataset, data, new FetchPrinter(spec.commandLine().getOut()));
            spec.commandLine().getOut().println(report.summary());
            return report.complete() ? 0 : RnnkitCli.EXIT_FAILED;
        });
    }

    @Command(name = "path", mixinStandardHelpOptions = true,
            description = "Print the directory a data set is (or would be) fetched into.")
    int path(@Parameters(paramLabel = "NAME", description = "Data set name.") String name,
             @Mixin DataOptions options) {
        return withDataset(name, options, (data, dataset) -> {
            spec.commandLine().getOut().println(data.datasetDirectory(dataset));
            return 0;
        });
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write a self-made sequence-to-sequence data set (dates: human-written dates -> ISO 8601; "
                    + "addition: '535+61' -> '596') into <data-dir>/generated/TASK/{train,validation,test}.tsv.")
    int generate(@Parameters(paramLabel = "TASK", description = "dates or addition") String task,
                 @picocli.CommandLine.Option(names = "--train", defaultValue = "" + SyntheticPairs.DEFAULT_TRAIN, description = "Training pairs (default: ${DEFAULT-VALUE}).") int train,
                 @picocli.CommandLine.Option(names = "--validation", defaultValue = "" + SyntheticPairs.DEFAULT_VALIDATION, description = "Validation pairs (default: ${DEFAULT-VALUE}).") int validation,
                 @picocli.CommandLine.Option(names = "--test", defaultValue = "" + SyntheticPairs.DEFAULT_TEST, description = "Test pairs (default: ${DEFAULT-VALUE}).") int test,
                 @picocli.CommandLine.Option(names = "--seed", defaultValue = "" + SyntheticPairs.DEFAULT_SEED, description = "Seed (default: ${DEFAULT-VALUE}).") long seed,
                 @Mixin DataOptions options) {
        SyntheticPairs.Task which;
        java.util.List<java.nio.file.Path> files;
        try {
            String[] names = {"--train", "--validation", "--test"};
            int[] counts = {train, validation, test};
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] < 0) {
                    throw new IllegalArgumentException(names[i] + " must be at least 0 (a number of pairs), got " + counts[i]);
                }
            }
            which = SyntheticPairs.Task.of(task);
            java.nio.file.Path dir = options.dataDirectory().root().resolve("generated").resolve(task);
            files = SyntheticPairs.write(which, dir, train, validation, test, seed);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("rnnkit: " + e.getMessage());
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        files.forEach(f -> spec.commandLine().getOut().println("wrote " + f));
        return 0;
    }

    /** Runs {@code action} on the named data set, or reports an unknown name as bad input. */
    private int withDataset(String name, DataOptions options, BiFunction<DataDirectory, Dataset, Integer> action) {
        DataDirectory data = options.dataDirectory();
        Dataset dataset;
        try {
            dataset = data.catalog().require(name);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("rnnkit: " + e.getMessage());
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        return action.apply(data, dataset);
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024
                ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
