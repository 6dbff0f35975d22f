package dev.rnnkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.train.engine.TrainingEngines;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code training.engine} and its sections: defaults, one-line errors, and the plan validate prints. */
class EngineConfigTest {

    private static final String CLASSIFIER = """
            encoder: [{cell_type: lstm, state_size: 8}]
            output: {type: classification}
            data: {train: t.tsv, validation: v.tsv}
            training:
              batch_size: 16
            """;

    private static RnnkitConfig parse(String yaml, String... overrides) throws ConfigException {
        return ConfigLoader.parse(yaml, "c.yaml", List.of(overrides));
    }

    private static List<String> errors(String yaml, String... overrides) {
        return assertThrows(ConfigException.class, () -> parse(yaml, overrides)).errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void theDefaultIsLocalWithNoEngineSections() throws ConfigException {
        TrainingConfig t = parse(CLASSIFIER).training();
        assertEquals(EngineType.LOCAL, t.engine());
        assertNull(t.parallel());
        assertNull(t.spark());
        assertTrue(TrainingEngines.plan(t).startsWith("engine: local, one process"), TrainingEngines.plan(t));
    }

    @Test
    void parallelDefaultsAndPlan() throws ConfigException {
        TrainingConfig t = parse(CLASSIFIER, "training.engine=parallel").training();
        assertEquals(new ParallelConfig(null, 1, 2), t.parallelSettings());
        TrainingConfig two = parse(CLASSIFIER + "  engine: parallel\n  parallel: {workers: 2, averaging_frequency: 3}\n").training();
        assertEquals(new ParallelConfig(2, 3, 2), two.parallel());
        assertEquals("engine: parallel, DL4J ParallelWrapper on this machine with 2 workers, each fitting its own minibatches of 16; "
                + "parameters and optimizer state averaged every 3 minibatch(es) per worker and at each epoch's end", TrainingEngines.plan(two));
    }

    @Test
    void sparkDefaultsAndPlanSayWhereItRuns() throws ConfigException {
        TrainingConfig t = parse(CLASSIFIER + "  engine: spark\n  spark: {master: 'local-cluster[2,1,1024]', conf: {spark.executor.memory: 2g}}\n").training();
        SparkConfig s = t.spark();
        assertEquals("local-cluster[2,1,1024]", s.master());
        assertEquals(SparkConfig.TrainingMaster.AVERAGING, s.trainingMaster());
        assertEquals(5, s.averagingFrequency());
        assertEquals(Map.of("spark.executor.memory", "2g"), s.conf());
        String plan = TrainingEngines.plan(t);
        assertTrue(plan.startsWith("engine: spark, Spark master local-cluster[2,1,1024] unless spark-submit sets the master; minibatches of 16 "
                + "written to RUN_DIR/spark-batches and fitted by the executors with parameter averaging every 5 minibatch(es) per worker"), plan);
        assertEquals("local[*]", parse(CLASSIFIER, "training.engine=spark").training().sparkSettings().master());
    }

    @Test
    void badEngineSettingsAreOneLineErrorsNamingTheKey() {
        assertEquals(List.of("c.yaml:6: training.engine: unknown value 'sparkle' (did you mean 'spark'?); expected one of local, parallel, spark"),
                errors(CLASSIFIER + "  engine: sparkle\n"));
        assertEquals(List.of("c.yaml:7: training.parallel.workers: must be at least 2 (DL4J's ParallelWrapper refuses fewer), got 0; "
                        + "for one worker use training.engine: local"),
                errors(CLASSIFIER + "  engine: parallel\n  parallel: {workers: 0}\n"));
        assertEquals(List.of("c.yaml:7: training.spark: applies to engine spark, but training.engine is parallel; "
                        + "set training.engine: spark or remove the section"),
                errors(CLASSIFIER + "  engine: parallel\n  spark: {master: 'local[2]'}\n"));
        assertEquals(List.of("c.yaml:6: training.parallel: applies to engine parallel, but training.engine is local; "
                        + "set training.engine: parallel or remove the section"),
                errors(CLASSIFIER + "  parallel: {workers: 2}\n"));
        assertEquals(List.of("c.yaml:7: training.spark.master: 'local[two]' is not a Spark master; expected local[*], local[N], "
                        + "local-cluster[N,CORES,MB] (N executor JVMs on this machine), spark://HOST:PORT, yarn or k8s://..."),
                errors(CLASSIFIER + "  engine: spark\n  spark: {master: 'local[two]'}\n"));
        assertEquals(List.of("c.yaml:7: training.spark.conf.executor.memory: is not a Spark setting (Spark's keys start with 'spark.')"),
                errors(CLASSIFIER + "  engine: spark\n  spark: {conf: {executor.memory: 2g}}\n"));
        assertEquals(List.of("c.yaml:7: training.spark.training_master: unknown value 'avg'; expected one of averaging, shared"),
                errors(CLASSIFIER + "  engine: spark\n  spark: {training_master: avg}\n"));
        assertEquals(List.of("--set: training.checkpoints.every_iterations: is a local-engine feature; engine parallel checkpoints at "
                        + "epoch boundaries (every_epochs); use 0"),
                errors(CLASSIFIER, "training.engine=parallel", "training.checkpoints.every_iterations=10"));
    }

    @Test
    void uiStatsAreOffByDefaultAndRecordedByTheLocalAndParallelEnginesOnly() throws ConfigException {
        assertEquals(new UiStatsConfig(false, 10), parse(CLASSIFIER).training().uiStats());
        assertEquals(new UiStatsConfig(true, 1), parse(CLASSIFIER, "training.ui_stats.enabled=true", "training.ui_stats.frequency=1")
                .training().uiStats());
        assertTrue(parse(CLASSIFIER, "training.engine=parallel", "training.ui_stats.enabled=true").training().uiStats().enabled());
        assertEquals(List.of("--set: training.ui_stats.frequency: must be >= 1, got 0"),
                errors(CLASSIFIER, "training.ui_stats.frequency=0"));
        assertEquals(List.of("--set: training.ui_stats.enabled: is recorded by the local and parallel engines only; engine spark "
                        + "fits the network in Spark executors; use false"),
                errors(CLASSIFIER, "training.engine=spark", "training.ui_stats.enabled=true"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "local[2]", "local[*]", "local[2,3]", "local-cluster[2,1,1024]", "spark://h1:7077",
            "spark://h1:7077,h2:7077", "yarn", "k8s://https://k8s:443"})
    void sparkMastersSparkAccepts(String master) {
        assertNull(SparkMasters.problem(master));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "local[0]", "local[two]", "local-cluster[2,1]", "spark://nohost", "http://h:7077", "cluster"})
    void sparkMastersSparkRejects(String master) {
        assertTrue(SparkMasters.problem(master) != null, master);
    }
}
