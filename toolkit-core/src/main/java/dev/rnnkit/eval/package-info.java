/**
 * The metrics rnnkit reports after training: classification, entity-level tagging (conlleval
 * compatible), forecasting against naive baselines, language-model cross-entropy, and exact match of
 * decoded sequences (seq2seq).
 *
 * <p>Everything here takes plain arrays, lists or ND4J arrays and returns immutable result records;
 * it knows nothing of the training loop or the data pipelines. {@link dev.rnnkit.eval.ModelOutputs}
 * turns network outputs ({@code [batch, classes]} or {@code [batch, classes, time]} with a mask) into
 * the ids and probabilities the calculators take. Every report writes itself as a fixed-width text
 * table ({@code toTable()}) and as snake_case JSON through {@link dev.rnnkit.eval.EvalJson}; files are
 * written atomically. Charts live in {@link dev.rnnkit.eval.plot}.
 */
package dev.rnnkit.eval;
