/**
 * The {@code rnnkit} command line: argument parsing and output formatting only.
 *
 * <p>Each sub-command is a thin adapter over the public API of {@code toolkit-core}; no modelling logic
 * lives here. Exit codes: 0 success, 1 the job failed, 2 bad input (arguments, config, data, model file).
 */
package dev.rnnkit.cli;
