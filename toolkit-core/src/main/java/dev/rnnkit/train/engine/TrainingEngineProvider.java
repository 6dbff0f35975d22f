package dev.rnnkit.train.engine;

import dev.rnnkit.config.EngineType;
import dev.rnnkit.config.RnnkitConfig;
import java.nio.file.Path;

/**
 * Makes a training engine that lives outside toolkit-core (the Spark engine in toolkit-spark), found with
 * {@link java.util.ServiceLoader} so that applications that never use it need none of its dependencies.
 *
 * <p>Implementations are listed in {@code META-INF/services/dev.rnnkit.train.engine.TrainingEngineProvider}.
 */
public interface TrainingEngineProvider {

    /** The engine this provider makes. */
    EngineType type();

    /**
     * An engine for one training run of {@code config} whose run directory is {@code runDirectory}.
     *
     * @throws IllegalArgumentException when the engine cannot run as configured (a one-line reason)
     */
    TrainingEngine create(RnnkitConfig config, Path runDirectory);
}
