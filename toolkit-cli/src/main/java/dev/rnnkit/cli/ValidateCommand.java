package dev.rnnkit.cli;

import dev.rnnkit.train.engine.TrainingEngines;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rnnkit validate CONFIG}: checks a config and prints OK and where it would train, or one line per error. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a config file; print OK or one line per error (file:line: key: problem).")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        var config = options.loadOrReport(System.err);
        if (config == null) {
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        System.out.println(options.config + ": OK");
        System.out.println(TrainingEngines.plan(config.training()));
        return 0;
    }
}
