package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A fully connected layer after the recurrent stack (applied per step for per-step heads).
 *
 * @param outputSize units; required
 * @param activation default relu
 * @param dropout    probability of dropping each input unit; default 0
 * @param weightInit default he
 */
public record DenseLayerConfig(
        @JsonPropertyDescription("Number of units")
        Integer outputSize,
        @JsonPropertyDescription("Activation; default relu")
        ActivationName activation,
        @JsonPropertyDescription("Probability of dropping each input unit during training; default 0")
        Double dropout,
        @JsonPropertyDescription("Weight initialisation; default he")
        WeightInitName weightInit) {

    public DenseLayerConfig {
        activation = activation == null ? ActivationName.RELU : activation;
        dropout = dropout == null ? 0.0 : dropout;
        weightInit = weightInit == null ? WeightInitName.HE : weightInit;
    }
}
