package dev.rnnkit.cli;

import dev.rnnkit.train.StopRequest;

/**
 * A stop request raised by Ctrl-C or SIGTERM for as long as it is open: training writes a checkpoint and ends, and
 * the JVM waits for that before it exits.
 */
final class SignalStop implements AutoCloseable {

    /** How long the shutdown hook waits for the checkpoint after Ctrl-C/SIGTERM. */
    private static final long STOP_TIMEOUT_SECONDS = 300;

    private final StopRequest stop = new StopRequest();
    private final Thread hook = stop.installShutdownHook(STOP_TIMEOUT_SECONDS);

    /** The request training polls. */
    StopRequest request() {
        return stop;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting (Ctrl-C): the hook is running and waits for us.
        }
    }
}
