/**
 * Backtests of forecasters: rolling-origin evaluation over a period of a series, with a trained model or refitting
 * the config before each fold ({@link dev.rnnkit.backtest.Backtest}), metrics per horizon step and overall, and the
 * persistence and seasonal-naive baselines scored on the same origins.
 */
package dev.rnnkit.backtest;
