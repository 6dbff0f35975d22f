package dev.rnnkit.sweep;

import dev.rnnkit.config.ConfigSchema;

/** The JSON Schema of sweep files, generated from the sweep records; {@code docs/rnnkit-sweep.schema.json} is this output. */
public final class SweepSchema {

    /** Where the generated schema is kept in the repository. */
    public static final String REPOSITORY_PATH = "docs/rnnkit-sweep.schema.json";

    private SweepSchema() {
    }

    /** The schema as pretty-printed JSON text, ending with a newline. */
    public static String generate() {
        return ConfigSchema.generate(SweepConfig.class, "rnnkit sweep",
                "Many trainings of one rnnkit config with different values, and the metric that ranks them "
                        + "(generated from the sweep records; do not edit)");
    }
}
