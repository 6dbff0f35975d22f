/**
 * Sequence-to-sequence data: TSV/CSV source/target pairs encoded for an encoder → repeat → decoder network,
 * and a generator of self-made pair data (dates in human formats → ISO 8601, additions → sums).
 */
package dev.rnnkit.data.seq2seq;
