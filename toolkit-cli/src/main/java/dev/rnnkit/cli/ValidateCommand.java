package dev.rnnkit.cli;

import dev.rnnkit.config.ConfigError;
import dev.rnnkit.config.ConfigException;
import dev.rnnkit.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit validate CONFIG}: checks a config and prints OK or one line per error. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a config file; print OK or one line per error (file:line: key: problem).")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The YAML config file.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value, e.g. training.epochs=2 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        try {
            ConfigLoader.load(config, overrides);
            System.out.println(config + ": OK");
            return 0;
        } catch (ConfigException e) {
            for (ConfigError err : e.errors()) {
                System.err.println(err);
            }
            return RnnkitCli.EXIT_BAD_INPUT;
        }
    }
}
