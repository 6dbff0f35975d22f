package dev.rnnkit.runs;

/** How far a run directory got. */
public enum RunState {
    /** Training ended (all epochs, early stopping or the time budget) and the summary line was written. */
    FINISHED,
    /** A checkpoint exists but the run did not finish: it can be resumed with {@code --resume}. */
    INTERRUPTED,
    /** Neither finished nor checkpointed: still running, or killed before its first checkpoint. */
    INCOMPLETE;

    /** The lower-case name shown in tables. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
