package dev.rnnkit.spark;

import dev.rnnkit.config.EngineType;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.train.engine.TrainingEngine;
import dev.rnnkit.train.engine.TrainingEngineProvider;
import java.nio.file.Path;

/** Makes the {@code spark} training engine; listed for {@link java.util.ServiceLoader} in META-INF/services. */
public final class SparkEngineProvider implements TrainingEngineProvider {

    @Override
    public EngineType type() {
        return EngineType.SPARK;
    }

    @Override
    public TrainingEngine create(RnnkitConfig config, Path runDirectory) {
        return new SparkEngine(config, runDirectory);
    }
}
