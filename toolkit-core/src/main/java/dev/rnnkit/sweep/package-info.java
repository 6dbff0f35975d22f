/**
 * Sweeps: many trainings of one base config with different values, run as separate processes on this machine
 * ({@link dev.rnnkit.sweep.LocalExecutor}) or as a Slurm job array ({@link dev.rnnkit.sweep.SbatchScript},
 * {@link dev.rnnkit.sweep.SlurmClient}), then ranked on a leaderboard.
 *
 * <p>A sweep file ({@link dev.rnnkit.sweep.SweepFile}) names the base config, the keys to vary (grid, random or an
 * explicit list), the ranking metric and the executor. {@link dev.rnnkit.sweep.TrialExpander} turns it into trials
 * with stable ids; {@link dev.rnnkit.sweep.Sweeps#prepare} writes them into a {@link dev.rnnkit.sweep.SweepDirectory};
 * each trial is one ordinary run directory trained by {@link dev.rnnkit.sweep.TrialAttempt} in its own process, which
 * keeps the trial's status file and lock. {@link dev.rnnkit.sweep.SweepState} reads where every trial stands, so
 * that running the sweep again starts only the trials that are missing, failed or interrupted.
 */
package dev.rnnkit.sweep;
