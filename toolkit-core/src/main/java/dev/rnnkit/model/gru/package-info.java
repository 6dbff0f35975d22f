/**
 * A gated recurrent unit (GRU) layer for DL4J, which ships no working one.
 *
 * <p>{@link dev.rnnkit.model.gru.Gru} is the configuration a {@code MultiLayerNetwork} is built
 * from; it stacks with other recurrent layers, fits inside DL4J's {@code Bidirectional} and
 * {@code LastTimeStep} wrappers, and masks padded steps the way DL4J's LSTM does.
 * {@link dev.rnnkit.model.gru.GruParams} lays out and counts its parameters and
 * {@link dev.rnnkit.model.gru.GruLayer} runs it. The equations are on {@link dev.rnnkit.model.gru.Gru}.
 */
package dev.rnnkit.model.gru;
