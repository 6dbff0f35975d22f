/**
 * Using a trained network: evaluation on labelled batches, prediction as JSON lines and text generation.
 *
 * <p>{@link dev.rnnkit.predict.ModelEvaluator} scores a network with the task's metrics (one
 * {@link dev.rnnkit.predict.TaskScorer} per task), {@link dev.rnnkit.predict.EvaluationWriter} writes them as JSON,
 * a text table and PNG plots, {@link dev.rnnkit.predict.Predictor} turns raw inputs into JSON lines and
 * {@link dev.rnnkit.predict.TextGenerator} samples text with {@code rnnTimeStep}.
 */
package dev.rnnkit.predict;
