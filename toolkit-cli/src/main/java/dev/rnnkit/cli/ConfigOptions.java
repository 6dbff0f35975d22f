package dev.rnnkit.cli;

import dev.rnnkit.config.ConfigError;
import dev.rnnkit.config.ConfigException;
import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The config file argument and {@code --set} overrides shared by every command that reads a config. */
final class ConfigOptions {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The YAML config file.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value, e.g. training.epochs=2 or encoder[0].state_size=64 (repeatable).")
    List<String> overrides = new ArrayList<>();

    /** Loads the config, or prints its errors to {@code err} and returns null. */
    RnnkitConfig loadOrReport(PrintStream err) {
        try {
            return ConfigLoader.load(config, overrides);
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) {
                err.println(error);
            }
            return null;
        }
    }
}
