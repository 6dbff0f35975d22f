/**
 * The training loop: run directories, epochs with validation, early stopping, checkpoints, resume and provenance.
 *
 * <p>{@link dev.rnnkit.train.Trainer} drives a run; where one epoch of minibatches is fitted is a
 * {@link dev.rnnkit.train.engine.TrainingEngine} chosen by {@code training.engine} (one device, all cores or GPUs of
 * a machine, or Spark). Progress goes to a
 * {@link dev.rnnkit.train.ProgressListener}; a {@link dev.rnnkit.train.StopRequest} (set by a shutdown hook on
 * Ctrl-C/SIGTERM) makes the loop save a checkpoint and return between minibatches. A run directory
 * ({@link dev.rnnkit.train.RunDirectory}) holds the resolved config, provenance, {@code metrics.jsonl},
 * checkpoints, the best and last model and the evaluation.
 */
package dev.rnnkit.train;
