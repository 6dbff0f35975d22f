/**
 * A gated recurrent unit (GRU) layer for DL4J, which ships no working one.
 *
 * <p>{@link dev.rnnkit.model.gru.Gru} is the configuration a {@code MultiLayerNetwork} is built
 * from; it runs on the shared recurrent kernels of {@link dev.rnnkit.model.recurrent}. The class keeps its
 * package so that saved models load; the equations are on {@link dev.rnnkit.model.gru.Gru}.
 */
package dev.rnnkit.model.gru;
