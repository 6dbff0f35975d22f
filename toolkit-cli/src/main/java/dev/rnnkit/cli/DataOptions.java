package dev.rnnkit.cli;

import dev.rnnkit.catalog.DataDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

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

    /** The data directory these options (or the environment) select. */
    public DataDirectory dataDirectory() {
        return DataDirectory.locate(dataDir, mirror);
    }
}
