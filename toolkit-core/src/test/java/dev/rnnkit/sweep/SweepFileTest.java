package dev.rnnkit.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.config.ConfigError;
import dev.rnnkit.config.ConfigException;
import dev.rnnkit.runs.Goal;
import dev.rnnkit.runs.MetricSplit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sweep files load with their defaults, and every mistake is one line naming file, line and key. */
class SweepFileTest {

    @TempDir
    Path dir;

    @Test
    void aGridLoadsWithDefaults() throws ConfigException {
        SweepFixtures.base(dir);
        SweepFile sweep = SweepFile.load(SweepFixtures.write(dir.resolve("cells.yaml"), SweepFixtures.GRID));
        assertEquals("cells", sweep.name());
        assertEquals(SweepMethod.GRID, sweep.config().method());
        assertEquals(MetricSplit.VALIDATION, sweep.config().metric().split());
        assertEquals(Goal.MINIMIZE, sweep.config().metric().goal(), "mae goes down");
        assertEquals(ExecutorType.LOCAL, sweep.config().executor().type());
        assertEquals(dir.resolve("base.yaml").toAbsolutePath(), sweep.base());
        assertEquals(List.of("encoder[0].cell_type", "encoder[0].state_size"), List.copyOf(sweep.config().parameters().keySet()));
        assertEquals("4G", sweep.config().executor().slurm().mem());
    }

    @Test
    void theNameDefaultsToTheFileName() throws ConfigException {
        SweepFixtures.base(dir);
        SweepFile sweep = SweepFile.load(SweepFixtures.write(dir.resolve("my-sweep.yaml"), SweepFixtures.GRID.replace("name: cells\n", "")));
        assertEquals("my-sweep", sweep.name());
    }

    @Test
    void accuracyIsMaximisedByDefault() {
        assertEquals(Goal.MAXIMIZE, Goal.defaultFor("accuracy"));
        assertEquals(Goal.MAXIMIZE, Goal.defaultFor("entity_f1"));
        assertEquals(Goal.MINIMIZE, Goal.defaultFor("loss"));
        assertEquals(Goal.MINIMIZE, Goal.defaultFor("rmse"));
    }

    /** Each case: the sweep text (| for new lines), the line and the key path the error must name, a word of the message. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "base: base.yaml|metric: {name: mae}|paramters: {}; 3; paramters; did you mean 'parameters'",
        "metric: {name: mae}|parameters: {training.epochs: {values: [1]}}; 1; base; required",
        "base: missing.yaml|metric: {name: mae}|parameters: {training.epochs: {values: [1]}}; 1; base; no such config file",
        "base: base.yaml|parameters: {training.epochs: {values: [1]}}; 1; metric; required",
        "base: base.yaml|metric: {name: mae}; 1; parameters; required with method grid",
        "base: base.yaml|metric: {name: mae}|method: random|parameters: {training.epochs: {values: [1, 2]}}; 1; count; required with method random",
        "base: base.yaml|metric: {name: mae}|method: randm|parameters: {training.epochs: {values: [1]}}; 3; method; did you mean 'random'",
        "base: base.yaml|metric: {name: mae, goal: up}|parameters: {training.epochs: {values: [1]}}; 2; metric.goal; expected one of minimize, maximize",
        "base: base.yaml|metric: {name: mae}|parameters:|  training.epochs:|    values: []; 5; parameters.training.epochs.values; at least one value",
        "base: base.yaml|metric: {name: mae}|parameters:|  training.optimizer.learning_rate:|    distribution: log_uniform|    min: 0.001|    max: 0.1; 5; parameters.training.optimizer.learning_rate.distribution; need method: random",
        "base: base.yaml|metric: {name: mae}|method: random|count: 3|parameters:|  training.optimizer.learning_rate:|    distribution: log_uniform|    min: 0|    max: 0.1; 8; parameters.training.optimizer.learning_rate.min; above 0",
        "base: base.yaml|metric: {name: mae}|parameters:|  Encoder.State: {values: [1]}; 4; parameters.Encoder.State; not a config key",
        "base: base.yaml|metric: {name: mae}|parameters: {training.epochs: {values: [1]}}|set: {training.epochs: 3}; 4; set.training.epochs; also a parameter",
        "base: base.yaml|metric: {name: mae}|parameters: {training.epochs: {values: [1]}}|executor: {slurm: {mem: 4 GB}}; 4; executor.slurm.mem; 4G or 8000M",
        "base: base.yaml|metric: {name: mae}|parameters: {training.epochs: {values: [1]}}|executor: {slurm: {time: 2 hours}}; 4; executor.slurm.time; HH:MM:SS",
        "base: base.yaml|metric: {name: mae}|parameters: {training.epochs: {values: [1]}}|executor: {parallel: 0}; 4; executor.parallel; at least 1",
        "base: base.yaml|metric: {name: mae}|parameters: {training.epochs: {values: [1]}}|executor: {slurm: {gpus: 1, gres: 'gpu:a100:1'}}; 4; executor.slurm.gres; not both",
        "base: base.yaml|metric: {name: mae}|parameters: {training.epochs: {values: [1]}}|executor: {slurm: {sbatch_args: [constraint=x]}}; 4; executor.slurm.sbatch_args[0]; one long sbatch option",
        "base: base.yaml|metric: {name: mae}|parameters: {training.epochs: {values: [1]}}|executor: {type: pbs}; 4; executor.type; expected one of local, slurm",
        "base: base.yaml|metric: {name: mae}|method: list|variants: [{}]; 4; variants[0]; a mapping of config keys",
        "base: base.yaml|metric: {name: mae}|parameters: {training.epochs: {values: [1]}}|count: 4; 4; count; only with method: random",
        "base: base.yaml|base: other.yaml|metric: {name: mae}; 2; base; duplicate key",
        "base: base.yaml|metric: {name: mae}|parameters: {training.epochs: {values: [1]}}|name: my sweep; 4; name; letters, digits"
    })
    void mistakesAreOneLocatedLine(String text, int line, String key, String words) {
        SweepFixtures.base(dir);
        Path file = SweepFixtures.write(dir.resolve("s.yaml"), text.replace('|', '\n') + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SweepFile.load(file));
        ConfigError first = e.errors().get(0);
        assertEquals(file.toString(), first.source(), first.toString());
        assertEquals(line, first.line(), first.toString());
        assertEquals(key, first.path(), first.toString());
        assertTrue(first.message().contains(words), first.toString());
        assertEquals(1, first.toString().lines().count());
    }

    @Test
    void anEmptyFileSaysWhatIsExpected() {
        Path file = SweepFixtures.write(dir.resolve("empty.yaml"), "");
        ConfigException e = assertThrows(ConfigException.class, () -> SweepFile.load(file));
        assertTrue(e.errors().get(0).message().contains("base, metric and parameters"), e.getMessage());
    }
}
