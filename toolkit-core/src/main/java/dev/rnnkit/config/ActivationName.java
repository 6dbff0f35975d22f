package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nd4j.linalg.activations.Activation;

/** Activation functions selectable in a config, mapped to DL4J's. */
public enum ActivationName implements ConfigEnum {
    @JsonProperty("tanh") TANH(Activation.TANH),
    @JsonProperty("sigmoid") SIGMOID(Activation.SIGMOID),
    @JsonProperty("hard_sigmoid") HARD_SIGMOID(Activation.HARDSIGMOID),
    @JsonProperty("relu") RELU(Activation.RELU),
    @JsonProperty("leaky_relu") LEAKY_RELU(Activation.LEAKYRELU),
    @JsonProperty("elu") ELU(Activation.ELU),
    @JsonProperty("gelu") GELU(Activation.GELU),
    @JsonProperty("swish") SWISH(Activation.SWISH),
    @JsonProperty("softsign") SOFTSIGN(Activation.SOFTSIGN),
    @JsonProperty("hard_tanh") HARD_TANH(Activation.HARDTANH),
    @JsonProperty("identity") IDENTITY(Activation.IDENTITY);

    private final Activation dl4j;

    ActivationName(Activation dl4j) {
        this.dl4j = dl4j;
    }

    /** The DL4J activation. */
    public Activation dl4j() {
        return dl4j;
    }
}
