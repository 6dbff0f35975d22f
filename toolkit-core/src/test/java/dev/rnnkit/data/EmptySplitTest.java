package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnkit.train.TrainFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A held-out split that comes out empty is an error before training, not an epoch trained for nothing. */
class EmptySplitTest {

    @TempDir
    Path dir;

    @Test
    void heldOutFilesTooFewForTheFractionAreNamed() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("lyrics"));
        Files.writeString(folder.resolve("a.txt"), "la la la la la la la la la la la la la la la la\n".repeat(20));
        Files.writeString(folder.resolve("b.txt"), "do re mi fa so la ti do re mi fa so la ti do\n".repeat(20));
        // Two files, a fifth held out: no whole file is left for validation.
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataPipelines.prepare(TrainFixtures.config(
                TrainFixtures.GENERATION, "data.train=lyrics", "data.generation.held_out=files"), dir));
        assertEquals("data.validation_split: gives no validation examples; hold out more of the training data, or give "
                + "data.validation a file", e.getMessage());
    }
}
