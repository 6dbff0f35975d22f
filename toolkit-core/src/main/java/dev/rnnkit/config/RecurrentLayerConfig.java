package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One block of the recurrent stack; {@code num_layers} repeats it.
 *
 * @param cellType       lstm, gru or rnn; default lstm
 * @param stateSize      hidden state size of each direction; required
 * @param numLayers      how many identical layers this block stands for; default 1
 * @param bidirectional  read the sequence both ways; default false
 * @param mergeMode      how directions combine when bidirectional; default concat
 * @param dropout        probability of dropping each input unit of the layer (0 = none); default 0
 * @param recurrentDropout probability of dropping each unit of the previous output in the recurrent
 *                       products, one mask per sequence (0 = none); default 0
 * @param activation     the cell's output activation; default tanh
 * @param forgetGateBias initial forget-gate bias (lstm only); default 1.0
 * @param weightInit     weight initialisation; default xavier
 */
public record RecurrentLayerConfig(
        @JsonPropertyDescription("Recurrent cell: lstm, gru or rnn (simple Elman RNN)")
        CellType cellType,
        @JsonPropertyDescription("Hidden state size of each direction")
        Integer stateSize,
        @JsonPropertyDescription("How many identical layers this block stands for; default 1")
        Integer numLayers,
        @JsonPropertyDescription("Read the sequence forwards and backwards; default false")
        Boolean bidirectional,
        @JsonPropertyDescription("How the two directions are merged: concat (default), sum, mul, average")
        MergeMode mergeMode,
        @JsonPropertyDescription("Probability of dropping each input unit of the layer during training; default 0")
        Double dropout,
        @JsonPropertyDescription("Probability of dropping each unit of the previous output h(t-1) where it enters the "
                + "recurrent products, with one mask per sequence for all its steps (Gal & Ghahramani 2016); "
                + "training only; default 0")
        Double recurrentDropout,
        @JsonPropertyDescription("Cell output activation; default tanh")
        ActivationName activation,
        @JsonPropertyDescription("Initial forget-gate bias, lstm only; default 1.0")
        Double forgetGateBias,
        @JsonPropertyDescription("Weight initialisation; default xavier")
        WeightInitName weightInit) {

    public RecurrentLayerConfig {
        cellType = cellType == null ? CellType.LSTM : cellType;
        numLayers = numLayers == null ? 1 : numLayers;
        bidirectional = bidirectional != null && bidirectional;
        mergeMode = mergeMode == null ? MergeMode.CONCAT : mergeMode;
        dropout = dropout == null ? 0.0 : dropout;
        recurrentDropout = recurrentDropout == null ? 0.0 : recurrentDropout;
        activation = activation == null ? ActivationName.TANH : activation;
        weightInit = weightInit == null ? WeightInitName.XAVIER : weightInit;
        // forget_gate_bias stays null when unset so the validator can tell "set on a GRU" from "default".
    }

    /** Default LSTM forget-gate bias (Jozefowicz et al., 2015). */
    public static final double DEFAULT_FORGET_GATE_BIAS = 1.0;

    /** The forget-gate bias to use for an LSTM. */
    public double forgetGateBiasOrDefault() {
        return forgetGateBias == null ? DEFAULT_FORGET_GATE_BIAS : forgetGateBias;
    }

    /** The size this layer hands to the next one, after merging directions. */
    public int outputSize() {
        return bidirectional && mergeMode == MergeMode.CONCAT ? 2 * stateSize : stateSize;
    }
}
