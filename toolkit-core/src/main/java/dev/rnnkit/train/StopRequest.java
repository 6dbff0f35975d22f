package dev.rnnkit.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request to stop training cleanly, e.g. from a Ctrl-C/SIGTERM shutdown hook.
 *
 * <p>The trainer checks {@link #requested()} between minibatches, writes a checkpoint and calls
 * {@link #finished()}; the hook waits for that with {@link #awaitFinished} so the JVM does not exit mid-write.
 */
public final class StopRequest {

    private volatile boolean requested;
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Asks the training loop to stop at the next minibatch boundary. */
    public void request() {
        requested = true;
    }

    /** Whether a stop was requested. */
    public boolean requested() {
        return requested;
    }

    /** Marks the training loop as done (checkpoint written or training over). */
    public void finished() {
        finished.countDown();
    }

    /** Waits until the training loop is done; false when the timeout passed first. */
    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    /**
     * Installs a JVM shutdown hook that requests a stop and waits (up to {@code timeoutSeconds}) for the checkpoint.
     *
     * @return the hook thread, to remove with {@code Runtime.removeShutdownHook} after training
     */
    public Thread installShutdownHook(long timeoutSeconds) {
        Thread hook = new Thread(() -> {
            request();
            try {
                awaitFinished(timeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rnnkit-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }
}
