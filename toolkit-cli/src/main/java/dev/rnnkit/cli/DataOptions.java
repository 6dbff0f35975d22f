package dev.rnnkit.cli;

import dev.rnnkit.catalog.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --data-dir} and {@code --mirror} options, shared by every command that reads data.
 *
 * <p>Use as {@code @Mixin DataOptions data;} and call {@link #dataDirectory()}.
 */
public final class DataOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory that data paths in configs are relative to (default: $"
                    + DataDirectory.DATA_DIR_ENV + ", else ./data).")
    Path dataDir;

    @Option(names = "--mirror", paramLabel = "DIR",
            description = "Local copy of the data sets (same layout), tried before the network (default: $"
                    + DataDirectory.MIRROR_ENV + ").")
    Path mirror;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The data directory these options (or the environment) select.
     *
     * @throws ParameterException (exit 2) when a data directory named by option or environment is not a
     *                            folder: a mistyped path would otherwise become a new, empty data directory
     */
    public DataDirectory dataDirectory() {
        DataDirectory dir = DataDirectory.locate(dataDir, mirror);
        if (dir.origin() != DataDirectory.Origin.DEFAULT && !Files.isDirectory(dir.root())) {
            throw new ParameterException(command.commandLine(), dir.describe() + ": no such folder; create it first (catalogue data "
                    + "sets are fetched into an existing folder), or leave it unset to use ./data");
        }
        return dir;
    }
}
