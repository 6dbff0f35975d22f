package dev.rnnkit.sweep;

import dev.rnnkit.train.TrainFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small forecasting base config and sweep files over it, written into a test's folder. */
public final class SweepFixtures {

    private SweepFixtures() {
    }

    /** Writes the base config {@code base.yaml} (TrainFixtures' forecaster) and its series into {@code dir}. */
    public static Path base(Path dir) {
        TrainFixtures.forecastData(dir.resolve("data"));
        return write(dir.resolve("base.yaml"), TrainFixtures.FORECAST);
    }

    /** Writes {@code text} to {@code file}. */
    public static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A grid over the cell type and state size of the base config: 2 x 2 trials. */
    public static final String GRID = """
            name: cells
            base: base.yaml
            metric: {name: mae}
            parameters:
              encoder[0].cell_type:
                values: [gru, lstm]
              encoder[0].state_size:
                values: [4, 8]
            set:
              training.epochs: 2
            """;
}
