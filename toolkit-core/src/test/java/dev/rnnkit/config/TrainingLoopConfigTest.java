package dev.rnnkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The training-loop keys: early stopping, checkpoints and the forecast season. */
class TrainingLoopConfigTest {

    private static final String CLASSIFIER = """
            encoder: [{cell_type: lstm, state_size: 8}]
            output: {type: classification}
            data: {train: t.tsv, validation: v.tsv}
            """;

    private static RnnkitConfig parse(String yaml, String... overrides) throws ConfigException {
        return ConfigLoader.parse(yaml, "c.yaml", List.of(overrides));
    }

    private static List<String> errors(String yaml, String... overrides) {
        return assertThrows(ConfigException.class, () -> parse(yaml, overrides)).errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void defaultsAreNoEarlyStoppingAndACheckpointEveryEpochKeepingThree() throws ConfigException {
        TrainingConfig t = parse(CLASSIFIER).training();
        assertNull(t.earlyStopping());
        assertEquals(new CheckpointConfig(1, 0, 3), t.checkpoints());
    }

    @Test
    void earlyStoppingModeFollowsTheMetric() throws ConfigException {
        EarlyStoppingConfig e = parse(CLASSIFIER, "training.early_stopping={metric: val_accuracy}").training().earlyStopping();
        assertEquals(new EarlyStoppingConfig(StoppingMetric.VAL_ACCURACY, 3, EarlyStoppingConfig.Mode.MAX, 0.0), e);
        assertEquals(EarlyStoppingConfig.Mode.MIN, parse(CLASSIFIER, "training.early_stopping={}").training().earlyStopping().mode());
    }

    @Test
    void earlyStoppingMetricMustBeComputedForTheTask() {
        assertEquals(List.of("--set: training.early_stopping.metric: 'val_mae' is not computed for output.type classification; "
                        + "expected one of val_loss, val_accuracy, val_f1"),
                errors(CLASSIFIER, "training.early_stopping.metric=val_mae"));
    }

    @Test
    void earlyStoppingNeedsValidationDataAndPositivePatience() {
        String noValidation = CLASSIFIER.replace(", validation: v.tsv", "");
        assertEquals(List.of("--set: training.early_stopping.patience: must be >= 1, got 0",
                        "--set: training.early_stopping: needs validation data: set data.validation or data.validation_split"),
                errors(noValidation, "training.early_stopping={patience: 0}").stream().sorted().toList());
    }

    @Test
    void checkpointsKeepAtLeastOne() {
        assertEquals(List.of("--set: training.checkpoints.keep_last: must be >= 1, got 0"),
                errors(CLASSIFIER, "training.checkpoints.keep_last=0"));
    }

    @Test
    void seasonMayExceedTheLookbackButNotBeZero() throws ConfigException {
        String forecast = """
                input: {type: dense}
                encoder: [{cell_type: gru, state_size: 8}]
                output: {type: forecast, horizon: 2}
                data: {train: s.csv, time_series: {target_columns: [v], lookback: 4}}
                """;
        assertEquals(365, ConfigLoader.parse(forecast, "test.yaml", List.of("data.time_series.season=365")).data().timeSeries().season());
        assertEquals(List.of("--set: data.time_series.season: must be >= 1, got 0"), errors(forecast, "data.time_series.season=0"));
    }
}
