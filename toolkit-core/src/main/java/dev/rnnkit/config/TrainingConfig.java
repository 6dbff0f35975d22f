package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * How the network is trained.
 *
 * @param batchSize         examples per minibatch; default 32
 * @param epochs            the most passes over the training data; default 100 when there is validation data
 *                          (early stopping ends training sooner), else 10
 * @param optimizer         optimizer and learning-rate schedule; default adam
 * @param l2                L2 regularisation coefficient (added to the loss); default 0
 * @param weightDecay       decoupled weight decay coefficient (with adam this is AdamW); default 0
 * @param gradientClipping  clipping against exploding gradients; default none
 * @param tbpttLength       truncated BPTT segment length (0 = full BPTT); default 0
 * @param earlyStopping     stop when a validation metric stops improving; on by default whenever there is
 *                          validation data, watching the task's metric (see {@link #resolved})
 * @param checkpoints       when resumable checkpoints are written; default every epoch, keeping 3
 * @param maxBatches        stop every epoch and every evaluation after this many minibatches (smoke runs,
 *                          quick experiments); default no limit
 * @param maxTime           a wall-clock budget for training, e.g. {@code 30m} or {@code 1h30m}
 *                          ({@link TimeBudget}); default none
 * @param maxBatchTokens    split a minibatch whose padded size (examples × longest example) exceeds this many
 *                          tokens; default no limit
 * @param engine            where training runs: local (default), parallel or spark
 * @param parallel          settings of the parallel engine (only with {@code engine: parallel})
 * @param spark             settings of the spark engine (only with {@code engine: spark})
 * @param uiStats           recording of DL4J training-UI statistics for {@code rnnkit ui}; default off
 */
public record TrainingConfig(
        @JsonPropertyDescription("Examples per minibatch; default 32")
        Integer batchSize,
        @JsonPropertyDescription("The most passes over the training data (a ceiling: early stopping usually ends training sooner); default 100 when there is validation data, else 10")
        Integer epochs,
        @JsonPropertyDescription("Optimizer and learning-rate schedule")
        OptimizerConfig optimizer,
        @JsonPropertyDescription("L2 regularisation coefficient; default 0")
        Double l2,
        @JsonPropertyDescription("Decoupled weight decay coefficient (with adam: AdamW); default 0")
        Double weightDecay,
        @JsonPropertyDescription("Gradient clipping")
        GradientClippingConfig gradientClipping,
        @JsonPropertyDescription("Truncated BPTT segment length in steps; 0 (default) = full backpropagation through time")
        Integer tbpttLength,
        @JsonPropertyDescription("Stop when the validation metric has not improved for some epochs; on by default whenever there is validation data (enabled: false turns it off)")
        EarlyStoppingConfig earlyStopping,
        @JsonPropertyDescription("When resumable checkpoints are written and how many are kept")
        CheckpointConfig checkpoints,
        @JsonPropertyDescription("Stop every epoch and every evaluation after this many minibatches (smoke runs, quick experiments); default no limit")
        Integer maxBatches,
        @JsonPropertyDescription("Wall-clock budget for training, e.g. 90s, 30m, 2h or 1h30m: training stops after the minibatch that reaches it, keeps the best model and evaluates it; default none")
        String maxTime,
        @JsonPropertyDescription("Split a minibatch whose padded size (examples × longest example, in tokens) exceeds this, "
                + "as fairseq's --max-tokens, so that long documents fit in memory; no example is dropped, and one longer "
                + "than this forms a batch of its own (text, tagging and seq2seq data); default no limit")
        Integer maxBatchTokens,
        @JsonPropertyDescription("Where training runs: local (default: one process, one device), parallel (DL4J ParallelWrapper: "
                + "workers on all cores or GPUs of this machine) or spark (DL4J Spark training, embedded or on a cluster)")
        EngineType engine,
        @JsonPropertyDescription("Settings of engine: parallel")
        ParallelConfig parallel,
        @JsonPropertyDescription("Settings of engine: spark")
        SparkConfig spark,
        @JsonPropertyDescription("Record DL4J training-UI statistics (StatsListener, FileStatsStorage) into the run directory, "
                + "for rnnkit ui (DL4J's training UI: score, update:parameter ratios, histograms); local and parallel engines")
        UiStatsConfig uiStats) {

    /** The epoch ceiling when there is validation data (early stopping ends training sooner). */
    public static final int DEFAULT_EPOCHS_WITH_VALIDATION = 100;

    /** The epoch count when there is no validation data to stop on. */
    public static final int DEFAULT_EPOCHS_WITHOUT_VALIDATION = 10;

    public TrainingConfig {
        batchSize = batchSize == null ? 32 : batchSize;
        optimizer = optimizer == null ? OptimizerConfig.defaults() : optimizer;
        l2 = l2 == null ? 0.0 : l2;
        weightDecay = weightDecay == null ? 0.0 : weightDecay;
        gradientClipping = gradientClipping == null ? GradientClippingConfig.none() : gradientClipping;
        tbpttLength = tbpttLength == null ? 0 : tbpttLength;
        checkpoints = checkpoints == null ? CheckpointConfig.defaults() : checkpoints;
        engine = engine == null ? EngineType.LOCAL : engine;
        uiStats = uiStats == null ? UiStatsConfig.defaults() : uiStats;
        // parallel and spark stay null unless written, so that a section for an engine not chosen can be reported.
        // epochs and earlyStopping stay null when unset: their defaults depend on the task and the data (resolved).
    }

    /**
     * This config with the defaults that depend on the rest of the job filled in: the epoch ceiling, and early
     * stopping on the task's own validation metric whenever there is validation data.
     *
     * @param output        the head (null in a config still to be validated)
     * @param hasValidation whether the data section provides validation data
     */
    public TrainingConfig resolved(OutputType output, boolean hasValidation) {
        Integer e = epochs != null ? epochs : hasValidation ? DEFAULT_EPOCHS_WITH_VALIDATION : DEFAULT_EPOCHS_WITHOUT_VALIDATION;
        EarlyStoppingConfig stopping = earlyStopping;
        if (stopping == null && hasValidation) {
            stopping = EarlyStoppingConfig.defaults();
        }
        if (stopping != null && stopping.metric() == null) {
            stopping = stopping.withMetric(StoppingMetric.defaultFor(output));
        }
        if (e.equals(epochs) && stopping == earlyStopping) {
            return this;
        }
        return new TrainingConfig(batchSize, e, optimizer, l2, weightDecay, gradientClipping, tbpttLength, stopping,
                checkpoints, maxBatches, maxTime, maxBatchTokens, engine, parallel, spark, uiStats);
    }

    /** Whether early stopping can end training before {@link #epochs()}. */
    public boolean stopsEarly() {
        return earlyStopping != null && earlyStopping.enabled();
    }

    /** The parallel engine's settings, defaults when not written. */
    public ParallelConfig parallelSettings() {
        return parallel == null ? ParallelConfig.defaults() : parallel;
    }

    /** The spark engine's settings, defaults when not written. */
    public SparkConfig sparkSettings() {
        return spark == null ? SparkConfig.defaults() : spark;
    }

    /** All defaults. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
