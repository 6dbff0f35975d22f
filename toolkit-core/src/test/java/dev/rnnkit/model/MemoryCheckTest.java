package dev.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.train.TrainFixtures;
import org.junit.jupiter.api.Test;

/** A network too big for memory is refused from its configuration, before anything is allocated. */
class MemoryCheckTest {

    @Test
    void theArithmeticCountsParametersGradientsAndOptimizerState() {
        assertDoesNotThrow(() -> MemoryCheck.requireFits(1_000_000, 4, 16_000_000));
        ModelBuildException e = assertThrows(ModelBuildException.class, () -> MemoryCheck.requireFits(1_000_001, 4, 16_000_000));
        assertTrue(e.getMessage().contains("the network has 1,000,001 parameters: training needs about 0.0 GB"), e.getMessage());
        assertEquals("encoder", e.path());
    }

    @Test
    void aStateSizeOf65536IsRefusedBeforeAllocation() {
        long before = Runtime.getRuntime().totalMemory();
        ModelBuildException e = assertThrows(ModelBuildException.class, () -> NetworkBuilder.build(
                TrainFixtures.config(TrainFixtures.FORECAST, "encoder[0].state_size=65536",
                        "input.feature_size=1", "output.output_size=1"), DataShape.unknown()));
        assertTrue(e.getMessage().contains("the network has 12,885,"), e.getMessage()); // a GRU: three gates of 65536 x (65536 + 1 + 1)
        assertTrue(Runtime.getRuntime().totalMemory() - before < 1_000_000_000L, "nothing big was allocated");
    }
}
