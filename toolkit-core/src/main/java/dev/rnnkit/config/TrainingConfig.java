package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * How the network is trained.
 *
 * @param batchSize         examples per minibatch; default 32
 * @param epochs            passes over the training data; default 10
 * @param optimizer         optimizer and learning-rate schedule; default adam
 * @param l2                L2 regularisation coefficient (added to the loss); default 0
 * @param weightDecay       decoupled weight decay coefficient (with adam this is AdamW); default 0
 * @param gradientClipping  clipping against exploding gradients; default none
 * @param tbpttLength       truncated BPTT segment length (0 = full BPTT); default 0
 * @param earlyStopping     stop when a validation metric stops improving; default none (train all epochs)
 * @param checkpoints       when resumable checkpoints are written; default every epoch, keeping 3
 * @param maxBatches        stop every epoch and every evaluation after this many minibatches (smoke runs,
 *                          quick experiments); default no limit
 * @param maxBatchTokens    split a minibatch whose padded size (examples × longest example) exceeds this many
 *                          tokens; default no limit
 */
public record TrainingConfig(
        @JsonPropertyDescription("Examples per minibatch; default 32")
        Integer batchSize,
        @JsonPropertyDescription("Passes over the training data; default 10")
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
        @JsonPropertyDescription("Stop when a validation metric has not improved for some epochs; default none (train every epoch)")
        EarlyStoppingConfig earlyStopping,
        @JsonPropertyDescription("When resumable checkpoints are written and how many are kept")
        CheckpointConfig checkpoints,
        @JsonPropertyDescription("Stop every epoch and every evaluation after this many minibatches (smoke runs, quick experiments); default no limit")
        Integer maxBatches,
        @JsonPropertyDescription("Split a minibatch whose padded size (examples × longest example, in tokens) exceeds this, "
                + "as fairseq's --max-tokens, so that long documents fit in memory; no example is dropped, and one longer "
                + "than this forms a batch of its own (text, tagging and seq2seq data); default no limit")
        Integer maxBatchTokens) {

    public TrainingConfig {
        batchSize = batchSize == null ? 32 : batchSize;
        epochs = epochs == null ? 10 : epochs;
        optimizer = optimizer == null ? OptimizerConfig.defaults() : optimizer;
        l2 = l2 == null ? 0.0 : l2;
        weightDecay = weightDecay == null ? 0.0 : weightDecay;
        gradientClipping = gradientClipping == null ? GradientClippingConfig.none() : gradientClipping;
        tbpttLength = tbpttLength == null ? 0 : tbpttLength;
        checkpoints = checkpoints == null ? CheckpointConfig.defaults() : checkpoints;
        // earlyStopping stays null when unset: no early stopping.
    }

    /** All defaults. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(null, null, null, null, null, null, null, null, null, null, null);
    }
}
