package dev.rnnkit.sweep;

/**
 * {@code status.json} of a trial, written by the process that runs it.
 *
 * @param state     running, interrupted, done or failed
 * @param attempts  how many times the trial was started
 * @param started   when the latest attempt started (ISO-8601)
 * @param finished  when it ended, or null while running
 * @param seconds   wall-clock seconds of all attempts that ended
 * @param host      the machine of the latest attempt
 * @param pid       its process id
 * @param slurmJob  its Slurm task ({@code <job>_<task>}), or null
 * @param exitCode  the exit code when it ended, or null
 * @param error     why it failed (one line), or null
 */
public record TrialStatus(String state, int attempts, String started, String finished, Double seconds, String host,
                          Long pid, String slurmJob, Integer exitCode, String error) {

    public static final String RUNNING = "running";
    public static final String INTERRUPTED = "interrupted";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    /** A trial whose values do not make a valid config: failed before any attempt. */
    public static TrialStatus invalid(String error) {
        return new TrialStatus(FAILED, 0, null, null, null, null, null, null, 2, error);
    }

    /** A new attempt after {@code previous} (null for the first). */
    public static TrialStatus starting(TrialStatus previous, String now, String host, long pid, String slurmJob) {
        int attempts = previous == null ? 1 : previous.attempts() + 1;
        Double seconds = previous == null ? null : previous.seconds();
        return new TrialStatus(RUNNING, attempts, now, null, seconds, host, pid, slurmJob, null, null);
    }

    /** This attempt ended with {@code state} after {@code attemptSeconds}. */
    public TrialStatus ended(String newState, String now, double attemptSeconds, int code, String why) {
        double total = (seconds == null ? 0 : seconds) + attemptSeconds;
        return new TrialStatus(newState, attempts, started, now, total, host, pid, slurmJob, code, why);
    }

    /** True for done and failed: nothing more will happen without a new attempt. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isFinal() {
        return DONE.equals(state) || FAILED.equals(state);
    }
}
