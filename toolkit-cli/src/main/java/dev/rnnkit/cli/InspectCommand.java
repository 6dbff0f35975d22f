package dev.rnnkit.cli;

import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.model.DataShape;
import dev.rnnkit.model.ModelBuildException;
import dev.rnnkit.model.ModelSummary;
import dev.rnnkit.model.Network;
import dev.rnnkit.model.NetworkBuilder;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rnnkit inspect CONFIG}: the layer table, parameter counts and a memory estimate, without data. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print the network a config builds: layers, parameter shapes and counts, total parameters "
                + "and an estimate of training memory per batch. Reads no data.")
final class InspectCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--seq-length", paramLabel = "T", defaultValue = "100",
            description = "Sequence length for the memory estimate (default: ${DEFAULT-VALUE}).")
    int sequenceLength;

    @Override
    public Integer call() {
        if (sequenceLength < 1) {
            System.err.println("rnnkit: --seq-length must be >= 1, got " + sequenceLength);
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        RnnkitConfig config = options.loadOrReport(System.err);
        if (config == null) {
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        if (config.output().classWeights() != null) {
            // Class weights change the loss, not the layers, and 'auto' needs the training labels inspect does not read.
            config = config.withOutput(config.output().withClassWeights(null));
        }
        Network net;
        try {
            net = NetworkBuilder.build(config, DataShape.unknown());
        } catch (ModelBuildException e) {
            System.err.println(options.config + ": " + e.getMessage().replace("or build the model with data",
                    "e.g. --set " + e.path() + "=N, since inspect reads no data"));
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        System.out.println(config.name() + " (" + options.config + "): a DL4J " + net.kind()
                + (net.isGraph() ? " with inputs " + String.join(", ", NetworkBuilder.inputNames(config)) : ""));
        System.out.print(ModelSummary.of(config, DataShape.unknown(), net, sequenceLength).toTable());
        System.out.println(dev.rnnkit.train.engine.TrainingEngines.plan(config.training()));
        return 0;
    }
}
