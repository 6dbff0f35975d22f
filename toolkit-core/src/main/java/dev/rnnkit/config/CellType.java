package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The recurrent cell of a layer. */
public enum CellType implements ConfigEnum {
    @JsonProperty("lstm") LSTM,
    @JsonProperty("gru") GRU,
    /** Elman (simple) RNN. */
    @JsonProperty("rnn") RNN;
}
