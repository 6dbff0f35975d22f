package dev.rnnkit.cli;

import dev.rnnkit.train.StopRequest;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stop request raised by Ctrl-C or SIGTERM for as long as it is open: training writes a checkpoint and ends, and
 * the JVM does not exit before this is closed, so whatever the command does after training (a sweep trial's status
 * file, the last lines it prints) is done too.
 */
final class SignalStop implements AutoCloseable {

    /** How long the shutdown hook waits for the checkpoint after Ctrl-C/SIGTERM. */
    private static final long STOP_TIMEOUT_SECONDS = 300;

    private final StopRequest stop = new StopRequest();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopAndWait, "rnnkit-stop");

    SignalStop() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The request training polls. */
    StopRequest request() {
        return stop;
    }

    private void stopAndWait() {
        stop.request();
        try {
            closed.await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting (Ctrl-C): the hook has been released above.
        }
    }
}
