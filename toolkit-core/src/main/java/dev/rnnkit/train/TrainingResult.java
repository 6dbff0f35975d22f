package dev.rnnkit.train;

import dev.rnnkit.predict.EvaluationResult;

/**
 * How a training run ended.
 *
 * @param run          the run directory
 * @param state        the final training state
 * @param interrupted  true when a stop request ended it (a checkpoint was written; resume with --resume)
 * @param stoppedEarly true when early stopping ended it
 * @param evaluation   the final evaluation of the best model (test split, else validation), or null
 * @param evaluatedOn  the split of that evaluation ("test" or "validation"), or null
 */
public record TrainingResult(RunDirectory run, TrainingState state, boolean interrupted, boolean stoppedEarly,
                             EvaluationResult evaluation, String evaluatedOn) {
}
