package dev.rnnkit.eval;

/**
 * The model's errors next to two naive baselines scored on the same targets.
 *
 * @param model         the model's forecasts
 * @param persistence   the last observed value repeated over the horizon
 * @param seasonalNaive the value one season earlier (the last observed season repeated); equals persistence when m = 1
 */
public record ForecastComparison(ErrorScores model, ErrorScores persistence, ErrorScores seasonalNaive) {
}
