/**
 * The attention encoder-decoder of seq2seq heads: the decoder vertex trained with teacher forcing, and the same
 * decoder run one step at a time for greedy and beam search.
 */
package dev.rnnkit.model.seq2seq;
