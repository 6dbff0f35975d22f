package dev.rnnkit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} option and the one place that decides where data files are looked up.
 */
final class DataDirOption {

    /** The environment variable naming the data directory. */
    static final String ENV = "RNNKIT_DATA_DIR";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory that config data paths are relative to (default: $" + ENV + ", else ./data).")
    Path dataDir;

    /** The option, else {@code $RNNKIT_DATA_DIR}, else {@code ./data}. */
    Path resolve() {
        if (dataDir != null) {
            return dataDir;
        }
        String env = System.getenv(ENV);
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("data");
    }
}
