/**
 * Fast, exactly masked recurrent layers (LSTM, GRU, simple RNN) for DL4J networks.
 *
 * <p>{@link dev.rnnkit.model.recurrent.RecurrentCell} is the configuration base a {@code MultiLayerNetwork}
 * is built from ({@link dev.rnnkit.model.recurrent.Lstm}, {@link dev.rnnkit.model.gru.Gru},
 * {@link dev.rnnkit.model.recurrent.ElmanRnn}); {@link dev.rnnkit.model.recurrent.RecurrentParams} lays out
 * their parameters and {@link dev.rnnkit.model.recurrent.RecurrentCellLayer} runs them. The arithmetic is
 * laid out as cuDNN does it: the input projection, the input gradient and the weight gradients of all steps
 * are single matrix products, and only the recurrent product runs step by step. Element-wise work of a step
 * is one or two passes over the gates in Java, on the same native memory, instead of a dozen ND4J op calls
 * (tanh and sigmoid of float layers in loops the JIT vectorises); the scratch arrays and their per-step views
 * are allocated once per batch size and reused.
 *
 * <p>Masks are exact in both directions: a masked step outputs zero and resets the state, so padded and
 * unpadded copies of a sequence give the same outputs and gradients, forwards and (inside DL4J's
 * {@code Bidirectional}) backwards.
 */
package dev.rnnkit.model.recurrent;
