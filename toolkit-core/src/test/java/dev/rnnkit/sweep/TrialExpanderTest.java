package dev.rnnkit.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps expand into resolved trials with stable ids; a bad value fails its trial, a bad key the sweep. */
class TrialExpanderTest {

    @TempDir
    Path dir;

    private List<Trial> expand(String sweep) throws ConfigException {
        SweepFixtures.base(dir);
        return TrialExpander.expand(SweepFile.load(SweepFixtures.write(dir.resolve("s.yaml"), sweep)));
    }

    @Test
    void aGridIsEveryCombinationWithTheLastKeyFastest() throws ConfigException {
        List<Trial> trials = expand(SweepFixtures.GRID);
        assertEquals(List.of("gru/4", "gru/8", "lstm/4", "lstm/8"), trials.stream()
                .map(t -> t.valueTexts().get("encoder[0].cell_type") + "/" + t.valueTexts().get("encoder[0].state_size")).toList());
        assertEquals(List.of(0, 1, 2, 3), trials.stream().map(Trial::index).toList());
        Trial last = trials.get(3);
        assertEquals("lstm", last.config().encoder().get(0).cellType().yamlName());
        assertEquals(8, last.config().encoder().get(0).stateSize());
        assertEquals(2, last.config().training().epochs(), "set applies to every trial");
        assertEquals(4, trials.stream().map(Trial::id).distinct().count());
    }

    @Test
    void idsAreStableAndFollowTheResolvedConfig() throws Exception {
        List<String> first = expand(SweepFixtures.GRID).stream().map(Trial::id).toList();
        assertEquals(first, expand(SweepFixtures.GRID).stream().map(Trial::id).toList(), "same sweep, same ids");
        // A comment in the base config changes nothing; another epoch count changes every trial.
        Files.writeString(dir.resolve("base.yaml"), "# a comment\n" + Files.readString(dir.resolve("base.yaml")));
        assertEquals(first, TrialExpander.expand(SweepFile.load(dir.resolve("s.yaml"))).stream().map(Trial::id).toList());
        List<String> longer = expand(SweepFixtures.GRID.replace("training.epochs: 2", "training.epochs: 3")).stream().map(Trial::id).toList();
        assertTrue(longer.stream().noneMatch(first::contains), longer + " vs " + first);
        // Adding a value keeps the ids of the trials that were there.
        List<String> wider = expand(SweepFixtures.GRID.replace("values: [4, 8]", "values: [4, 8, 16]")).stream().map(Trial::id).toList();
        assertTrue(wider.containsAll(first), wider + " vs " + first);
        assertEquals(6, wider.size());
    }

    @Test
    void aBadValueFailsOnlyItsTrialWithTheSweepFileLine() throws ConfigException {
        List<Trial> trials = expand(SweepFixtures.GRID.replace("values: [4, 8]", "values: [4, -8]"));
        assertEquals(4, trials.size());
        List<Trial> bad = trials.stream().filter(t -> t.error() != null).toList();
        assertEquals(2, bad.size());
        for (Trial t : bad) {
            assertNull(t.config());
            assertTrue(t.error().startsWith(dir.resolve("s.yaml") + ":7: parameters.encoder[0].state_size: "), t.error());
            assertEquals("-8", t.valueTexts().get("encoder[0].state_size"));
        }
        assertTrue(trials.stream().filter(t -> t.error() == null).allMatch(t -> t.config() != null));
    }

    @Test
    void aKeyTheConfigDoesNotHaveFailsTheSweep() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> expand(SweepFixtures.GRID.replace("encoder[0].state_size:", "encoder[0].state_sise:")));
        String line = e.errors().get(0).toString();
        assertTrue(line.startsWith(dir.resolve("s.yaml") + ":7: parameters.encoder[0].state_sise: unknown key 'state_sise'"), line);
        assertTrue(line.contains("did you mean 'state_size'"), line);
    }

    @Test
    void anIndexPastTheListFailsTheSweep() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> expand(SweepFixtures.GRID.replace("encoder[0].state_size:", "encoder[3].state_size:")));
        assertTrue(e.errors().get(0).toString().contains("parameters.encoder[3].state_size: index 3 is out of range"), e.getMessage());
    }

    @Test
    void aFixedValueTheConfigRejectsFailsTheSweep() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> expand(SweepFixtures.GRID.replace("training.epochs: 2", "training.epochs: 0")));
        assertTrue(e.errors().get(0).toString().startsWith(dir.resolve("s.yaml") + ":10: set.training.epochs: "), e.getMessage());
    }

    @Test
    void randomDrawsAreSeededBoundedAndDistinct() throws ConfigException {
        String sweep = """
                base: base.yaml
                metric: {name: mae}
                method: random
                count: 6
                seed: 3
                parameters:
                  training.optimizer.learning_rate: {distribution: log_uniform, min: 0.0001, max: 0.1}
                  encoder[0].state_size: {distribution: int_uniform, min: 2, max: 9}
                  encoder[0].cell_type: {values: [gru, lstm]}
                """;
        List<Trial> a = expand(sweep);
        List<Trial> b = expand(sweep);
        assertEquals(6, a.size());
        assertEquals(a.stream().map(Trial::id).toList(), b.stream().map(Trial::id).toList(), "the seed fixes the draws");
        for (Trial t : a) {
            double lr = t.values().get("training.optimizer.learning_rate").asDouble();
            long size = t.values().get("encoder[0].state_size").asLong();
            assertTrue(lr >= 0.0001 && lr <= 0.1, "lr " + lr);
            assertTrue(size >= 2 && size <= 9, "size " + size);
            assertTrue(t.values().get("encoder[0].state_size").isIntegralNumber());
            assertNotNull(t.config());
            assertEquals(lr, t.config().training().optimizer().learningRate(), 0.0);
        }
        List<String> other = expand(sweep.replace("seed: 3", "seed: 4")).stream().map(Trial::id).toList();
        assertNotEquals(a.stream().map(Trial::id).toList(), other);
    }

    @Test
    void aListSweepRunsExactlyItsVariants() throws ConfigException {
        List<Trial> trials = expand("""
                base: base.yaml
                metric: {name: loss}
                method: list
                variants:
                  - encoder[0].cell_type: gru
                  - encoder[0].cell_type: lstm
                    encoder[0].bidirectional: true
                """);
        assertEquals(2, trials.size());
        assertTrue(trials.get(1).config().encoder().get(0).bidirectional());
        Set<String> keys = trials.stream().flatMap(t -> t.values().keySet().stream()).collect(Collectors.toSet());
        assertEquals(Set.of("encoder[0].cell_type", "encoder[0].bidirectional"), keys);
    }
}
