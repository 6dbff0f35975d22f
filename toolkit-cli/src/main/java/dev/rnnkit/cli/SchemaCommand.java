package dev.rnnkit.cli;

import dev.rnnkit.config.ConfigReference;
import dev.rnnkit.config.ConfigSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rnnkit schema}: prints the JSON Schema of rnnkit configs. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema of rnnkit configs (the file docs/rnnkit-config.schema.json), for editor validation and completion; --sweep for sweep files.")
final class SchemaCommand implements Callable<Integer> {

    @picocli.CommandLine.Option(names = "--markdown", description = "Print the key reference (docs/config.md) instead.")
    boolean markdown;

    @picocli.CommandLine.Option(names = "--sweep", description = "Print the JSON Schema of sweep files (docs/rnnkit-sweep.schema.json) instead.")
    boolean sweep;

    @Override
    public Integer call() {
        if (sweep && markdown) {
            System.err.println("rnnkit: give --sweep or --markdown, not both");
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        System.out.print(sweep ? dev.rnnkit.sweep.SweepSchema.generate() : markdown ? ConfigReference.markdown() : ConfigSchema.generate());
        return 0;
    }
}
