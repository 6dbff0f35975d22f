package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Gradient-based optimizers. */
public enum OptimizerType implements ConfigEnum {
    @JsonProperty("adam") ADAM,
    /** Stochastic gradient descent; with {@code momentum} &gt; 0 it is Nesterov momentum SGD. */
    @JsonProperty("sgd") SGD,
    @JsonProperty("rmsprop") RMSPROP,
    @JsonProperty("adagrad") ADAGRAD,
    @JsonProperty("adadelta") ADADELTA,
    @JsonProperty("nadam") NADAM,
    @JsonProperty("adamax") ADAMAX;
}
