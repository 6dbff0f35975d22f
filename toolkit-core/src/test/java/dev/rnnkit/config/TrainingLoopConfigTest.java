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
    void defaultsAreEarlyStoppingOnTheTasksMetricUnderAnEpochCeilingAndACheckpointEveryEpochKeepingThree() throws ConfigException {
        TrainingConfig t = parse(CLASSIFIER).training();
        assertEquals(new EarlyStoppingConfig(StoppingMetric.VAL_ACCURACY, 4, EarlyStoppingConfig.Mode.MAX, 0.0, true), t.earlyStopping());
        assertEquals(100, t.epochs());
        assertEquals(new CheckpointConfig(1, 0, 3), t.checkpoints());
        assertNull(t.maxTime());
    }

    @Test
    void theDefaultMetricIsTheTasksOwn() throws ConfigException {
        String tagger = CLASSIFIER.replace("classification", "tagging");
        assertEquals(StoppingMetric.VAL_F1, parse(tagger).training().earlyStopping().metric());
        String regression = CLASSIFIER.replace("classification", "regression");
        assertEquals(StoppingMetric.VAL_LOSS, parse(regression).training().earlyStopping().metric());
        assertEquals(EarlyStoppingConfig.Mode.MIN, parse(regression).training().earlyStopping().mode());
        EarlyStoppingConfig seq2seq = parse(CLASSIFIER.replace("classification", "seq2seq")
                .replace("output: {type: seq2seq}", "output: {type: seq2seq, output_length: 5, decoder: [{cell_type: lstm, state_size: 8}]}"))
                .training().earlyStopping();
        assertEquals(StoppingMetric.VAL_EXACT_MATCH, seq2seq.metric());
        assertEquals(EarlyStoppingConfig.Mode.MAX, seq2seq.mode());
    }

    @Test
    void withoutValidationDataThereIsNoEarlyStoppingAndTenEpochs() throws ConfigException {
        TrainingConfig t = parse(CLASSIFIER.replace(", validation: v.tsv", "")).training();
        assertNull(t.earlyStopping());
        assertEquals(10, t.epochs());
        TrainingConfig split = parse(CLASSIFIER.replace(", validation: v.tsv", ", validation_split: 0.1")).training();
        assertEquals(100, split.epochs());
        assertEquals(StoppingMetric.VAL_ACCURACY, split.earlyStopping().metric());
    }

    @Test
    void earlyStoppingCanBeTurnedOffAndTheEpochsGiven() throws ConfigException {
        TrainingConfig t = parse(CLASSIFIER, "training.early_stopping.enabled=false", "training.epochs=3").training();
        assertEquals(false, t.earlyStopping().enabled());
        assertEquals(false, t.stopsEarly());
        assertEquals(3, t.epochs());
        // Turned off, it needs no validation data.
        parse(CLASSIFIER.replace(", validation: v.tsv", ""), "training.early_stopping.enabled=false");
    }

    @Test
    void earlyStoppingModeFollowsTheMetric() throws ConfigException {
        EarlyStoppingConfig e = parse(CLASSIFIER, "training.early_stopping={metric: val_loss}").training().earlyStopping();
        assertEquals(new EarlyStoppingConfig(StoppingMetric.VAL_LOSS, 4, EarlyStoppingConfig.Mode.MIN, 0.0), e);
        assertEquals(EarlyStoppingConfig.Mode.MAX, parse(CLASSIFIER, "training.early_stopping={}").training().earlyStopping().mode());
    }

    @Test
    void plateauScheduleDefaultsAndChecks() throws ConfigException {
        ScheduleConfig s = parse(CLASSIFIER, "training.optimizer.schedule={type: plateau}").training().optimizer().schedule();
        assertEquals(0.5, s.decayRate());
        assertEquals(2, s.patience());
        assertEquals(0.0, s.minLearningRate());
        assertEquals(List.of("--set: training.optimizer.schedule.decay_rate: must be in (0, 1) for a plateau schedule (the factor the rate is multiplied by), got 1.0"),
                errors(CLASSIFIER, "training.optimizer.schedule={type: plateau, decay_rate: 1.0}"));
        assertEquals(List.of("--set: training.optimizer.schedule.min_learning_rate: must be >= 0 and below learning_rate (0.001), got 0.01"),
                errors(CLASSIFIER, "training.optimizer.schedule={type: plateau, min_learning_rate: 0.01}"));
        assertEquals(List.of("--set: training.optimizer.schedule.patience: is only used by a plateau schedule"),
                errors(CLASSIFIER, "training.optimizer.schedule={type: exponential, decay_rate: 0.9, patience: 2}"));
        assertEquals(List.of("--set: training.optimizer.schedule.type: plateau needs validation data to watch: set data.validation or data.validation_split"),
                errors(CLASSIFIER.replace(", validation: v.tsv", ""), "training.optimizer.schedule={type: plateau}"));
    }

    @Test
    void maxTimeIsADuration() throws ConfigException {
        assertEquals("1h30m", parse(CLASSIFIER, "training.max_time=1h30m").training().maxTime());
        assertEquals(List.of("--set: training.max_time: expected a duration such as 90s, 30m, 2h or 1h30m, got '30 minutes'"),
                errors(CLASSIFIER, "training.max_time=30 minutes"));
        assertEquals(List.of("--set: training.max_time: must be a positive duration, got '0s'"), errors(CLASSIFIER, "training.max_time=0s"));
    }

    @Test
    void earlyStoppingMetricMustBeComputedForTheTask() {
        assertEquals(List.of("--set: training.early_stopping.metric: 'val_mae' is not computed for output.type classification; "
                        + "expected one of val_loss, val_accuracy, val_f1"),
                errors(CLASSIFIER, "training.early_stopping.metric=val_mae"));
    }

    @Test
    void valBleuIsAStoppingMetricForSeq2seqOnly() throws ConfigException {
        String seq2seq = CLASSIFIER.replace("output: {type: classification}",
                "output: {type: seq2seq, output_length: 5, decoder: [{cell_type: lstm, state_size: 8}]}");
        EarlyStoppingConfig e = parse(seq2seq, "training.early_stopping.metric=val_bleu").training().earlyStopping();
        assertEquals(StoppingMetric.VAL_BLEU, e.metric());
        assertEquals(EarlyStoppingConfig.Mode.MAX, e.mode());
        assertEquals("bleu", e.metric().key());
        assertEquals(List.of("--set: training.early_stopping.metric: 'val_bleu' is not computed for output.type classification; "
                        + "expected one of val_loss, val_accuracy, val_f1"),
                errors(CLASSIFIER, "training.early_stopping.metric=val_bleu"));
    }

    @Test
    void earlyStoppingNeedsValidationDataAndPositivePatience() {
        String noValidation = CLASSIFIER.replace(", validation: v.tsv", "");
        assertEquals(List.of("--set: training.early_stopping.patience: must be >= 1, got 0",
                        "--set: training.early_stopping: needs validation data: set data.validation or data.validation_split (or enabled: false)"),
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
