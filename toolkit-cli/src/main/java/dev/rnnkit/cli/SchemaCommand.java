package dev.rnnkit.cli;

import dev.rnnkit.config.ConfigReference;
import dev.rnnkit.config.ConfigSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rnnkit schema}: prints the JSON Schema of rnnkit configs. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema of rnnkit configs (the file docs/rnnkit-config.schema.json), for editor validation and completion.")
final class SchemaCommand implements Callable<Integer> {

    @picocli.CommandLine.Option(names = "--markdown", description = "Print the key reference (docs/config.md) instead.")
    boolean markdown;

    @Override
    public Integer call() {
        System.out.print(markdown ? ConfigReference.markdown() : ConfigSchema.generate());
        return 0;
    }
}
