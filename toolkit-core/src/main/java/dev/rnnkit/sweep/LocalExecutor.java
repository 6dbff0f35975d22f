package dev.rnnkit.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs trials as processes on this machine, {@code parallel} at a time, each with {@code threads} native threads
 * (so that parallel trials share the cores instead of oversubscribing them) and its output in {@code train.log}.
 *
 * <p>A trial that fails does not stop the others. A process that dies without saying how it ended (killed, out of
 * memory) is recorded as failed with its exit code and last line of output.
 */
public final class LocalExecutor {

    /** Hears about trials starting and ending (called from worker threads). */
    public interface Listener {
        void started(Trial trial);

        void finished(Trial trial, TrialStatus status);
    }

    private final TrialLauncher launcher;
    private final int parallel;
    private final int threads;
    private final Clock clock;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean stopping;

    public LocalExecutor(TrialLauncher launcher, int parallel, int threads, Clock clock) {
        if (parallel < 1 || threads < 1) {
            throw new IllegalArgumentException("parallel and threads must be at least 1");
        }
        this.launcher = launcher;
        this.parallel = parallel;
        this.threads = threads;
        this.clock = clock;
    }

    /** Native threads per trial when the sweep file does not say: the processors shared among the parallel trials. */
    public static int defaultThreads(int parallel) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
    }

    /** Runs the trials and waits for all of them; returns their final statuses in the given order. */
    public List<TrialStatus> run(SweepDirectory dir, List<Trial> trials, Listener listener) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "sweep-trial");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TrialStatus>> futures = new ArrayList<>();
            for (Trial t : trials) {
                futures.add(pool.submit(() -> runOne(dir, t, listener)));
            }
            List<TrialStatus> out = new ArrayList<>();
            for (Future<TrialStatus> f : futures) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("sweep worker failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
            ended.countDown();
        }
    }

    /**
     * Asks every running trial to stop (SIGTERM: each writes a checkpoint and records itself interrupted), starts no
     * more, and waits up to {@code timeoutSeconds} until every trial's end is recorded.
     */
    public void stop(long timeoutSeconds) {
        stopping = true;
        for (Process p : running) {
            p.destroy();
        }
        try {
            ended.await(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private TrialStatus runOne(SweepDirectory dir, Trial trial, Listener listener) throws IOException, InterruptedException {
        if (stopping) {
            return dir.status(trial.id());
        }
        Path log = dir.log(trial.id());
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(launcher.command(dir.root(), trial.id()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        TrialStatus before = dir.status(trial.id());
        int attemptsBefore = before == null ? 0 : before.attempts();
        listener.started(trial);
        long start = System.nanoTime();
        Process p = pb.start();
        running.add(p);
        if (stopping) {
            p.destroy(); // the stop came while this trial was starting
        }
        int code;
        try {
            code = p.waitFor();
        } finally {
            running.remove(p);
        }
        TrialStatus status = dir.status(trial.id());
        // The process records how its attempt ended; a signal's exit code (143) may differ from the one it wrote.
        boolean recorded = status != null && status.attempts() > attemptsBefore && !TrialStatus.RUNNING.equals(status.state());
        // Another process holding the trial (a second sweep run on the same folder) owns its status: leave it be.
        if (!recorded && !dir.running(trial.id())) {
            // Killed, out of memory, or failed before it could write its status: say so with what it printed last.
            TrialStatus base = status != null && TrialStatus.RUNNING.equals(status.state()) ? status
                    : TrialStatus.starting(status, clock.instant().toString(), "localhost", p.pid(), null);
            // Stopped by the sweep's own stop request before it could record anything: interrupted, not failed.
            status = stopping
                    ? base.ended(TrialStatus.INTERRUPTED, clock.instant().toString(), (System.nanoTime() - start) / 1e9, code,
                            "stopped with the sweep before it could write a checkpoint")
                    : base.ended(TrialStatus.FAILED, clock.instant().toString(), (System.nanoTime() - start) / 1e9, code,
                            "the process ended with exit code " + code + lastLine(log));
            dir.writeStatus(trial.id(), status);
        }
        listener.finished(trial, status);
        return status;
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i).strip();
                if (!l.isEmpty()) {
                    return ": " + (l.length() > 300 ? l.substring(0, 300) + "..." : l);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // No log to quote.
        }
        return "";
    }
}
