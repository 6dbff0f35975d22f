/**
 * Config-driven input pipelines that turn data files into DL4J {@code DataSet} batches.
 *
 * <p>{@link dev.rnnkit.data.DataPipelines#prepare} picks the pipeline from the config's input and output
 * types ({@link dev.rnnkit.config.DataFamily#of}), reads and splits the files, fits vocabularies, label
 * maps or scalers on the training split only, and returns {@link dev.rnnkit.data.PreparedData}: batch
 * iterators, the {@link dev.rnnkit.data.Preprocessing} artefact (one versioned JSON file) and the
 * {@link dev.rnnkit.model.DataShape}. Tensors use DL4J's layout [batch, features, time], end-padded, with
 * [batch, time] masks. Malformed rows fail with {@code file:line: reason} or are skipped and counted.
 */
package dev.rnnkit.data;
