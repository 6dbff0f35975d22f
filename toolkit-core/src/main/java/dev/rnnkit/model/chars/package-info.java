/**
 * Character-level word encoders for taggers: each token's characters become one feature vector.
 *
 * <p>{@link dev.rnnkit.model.chars.CharEncoder} is the DL4J layer configuration, used on its own graph input (or as
 * the first layer of a {@code MultiLayerNetwork}); {@link dev.rnnkit.model.chars.CharEncoderLayer} runs it; the
 * {@link dev.rnnkit.model.chars.CharEncoderKind} picks a character BiLSTM (Lample et al. 2016) or a character CNN
 * with max pooling (Ma and Hovy 2016). The data pipelines' {@code dev.rnnkit.data.WordCharacters} turns
 * token strings into the padded character ids the layer reads.
 *
 * <p>Both encoders work on all real words of a minibatch at once: the words' characters are packed into one
 * matrix, so that embedding lookups, the convolution and the LSTM input projection are single matrix products,
 * and only the LSTM's recurrent product runs character step by character step, over the words still running.
 * Padding characters, empty words and masked tokens are never computed.
 */
package dev.rnnkit.model.chars;
