package dev.rnnkit.cli;

import dev.rnnkit.config.UiStatsConfig;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.ui.VertxUIServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rnnkit ui}: DL4J's training UI (Vert.x, {@code /train/overview}) for the DL4J UI statistics of run
 * directories, live while they train.
 *
 * <p>Each run's {@code ui-stats.dl4j} (written with {@code training.ui_stats.enabled: true}) is mirrored by a
 * {@link RunStatsMirror} and re-read every {@code --refresh} seconds; the UI lists the sessions of all runs. The
 * server also accepts DL4J's remote route ({@code RemoteUIStatsStorageRouter} posting to this URL).
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Serve DL4J's training UI for run directories trained with training.ui_stats.enabled: true, "
                + "live while they train (the statistics file is re-read every --refresh seconds).",
                "Prints the URL and runs until Ctrl-C."})
final class UiCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "RUN_DIR",
            description = "Run directories with a ui-stats.dl4j; several are shown side by side as UI sessions. "
                    + "With none, the server only takes DL4J's remote route (RemoteUIStatsStorageRouter).")
    List<Path> runs = new ArrayList<>();

    @Option(names = "--port", defaultValue = "9000", paramLabel = "N",
            description = "Port to listen on (default: ${DEFAULT-VALUE}, DL4J's; 0: any free port).")
    int port;

    @Option(names = "--refresh", defaultValue = "2", paramLabel = "SECONDS",
            description = "Seconds between reads of each run's statistics file (default: ${DEFAULT-VALUE}).")
    int refreshSeconds;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            System.err.println("rnnkit: --port must be between 0 and 65535 (0: any free port), got " + port);
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        if (refreshSeconds < 1) {
            System.err.println("rnnkit: --refresh must be at least 1 second, got " + refreshSeconds);
            return RnnkitCli.EXIT_BAD_INPUT;
        }
        List<RunStatsMirror> mirrors = new ArrayList<>();
        for (Path run : runs) {
            String problem = problem(run);
            if (problem != null) {
                System.err.println("rnnkit: " + run + ": " + problem);
                return RnnkitCli.EXIT_BAD_INPUT;
            }
            mirrors.add(new RunStatsMirror(run.resolve(UiStatsConfig.FILE_NAME)));
        }
        for (int i = 0; i < mirrors.size(); i++) {
            try {
                firstRead(mirrors.get(i));
            } catch (Exception e) {
                System.err.println("rnnkit: " + runs.get(i).resolve(UiStatsConfig.FILE_NAME) + ": cannot read DL4J UI statistics: "
                        + Errors.oneLine(e));
                return RnnkitCli.EXIT_FAILED;
            }
        }
        VertxUIServer server;
        try {
            server = VertxUIServer.getInstance(port, false, null);
        } catch (Exception e) {
            // DL4J keeps the failed server as its singleton, which a later start in this JVM would be handed back.
            stopQuietly();
            if (causedBy(e, BindException.class)) {
                System.err.println("rnnkit: port " + port + " is in use; choose another with --port N (--port 0: any free port)");
                return RnnkitCli.EXIT_BAD_INPUT;
            }
            throw e;
        }
        try {
            server.enableRemoteListener();
            for (int i = 0; i < mirrors.size(); i++) {
                RunStatsMirror m = mirrors.get(i);
                server.attach(m.storage());
                List<String> sessions = m.describeSessions();
                System.out.println(runs.get(i) + ": " + sessions.size() + " session" + (sessions.size() == 1 ? "" : "s")
                        + " (one per start or resume)");
                sessions.forEach(line -> System.out.println("  session " + line));
            }
            // getAddress has the port Vert.x bound, also when --port 0 let it choose.
            System.out.println("DL4J training UI: " + server.getAddress() + "/train/overview (Ctrl-C to stop)");
            System.out.flush();
            follow(mirrors);
        } finally {
            VertxUIServer.stopInstance();
        }
        return 0;
    }

    /** Why {@code run} cannot be shown, or null. */
    private static String problem(Path run) {
        if (!Files.exists(run)) {
            return "no such run directory";
        }
        if (!Files.isDirectory(run)) {
            return "not a run directory";
        }
        if (!Files.isRegularFile(run.resolve(UiStatsConfig.FILE_NAME))) {
            return "no DL4J UI statistics (" + UiStatsConfig.FILE_NAME + "); train with training.ui_stats.enabled: true "
                    + "(--set training.ui_stats.enabled=true) to record them";
        }
        return null;
    }

    /** The first read, retried a few times: a copy taken while the trainer writes may not open. */
    private static void firstRead(RunStatsMirror mirror) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                mirror.refresh();
                return;
            } catch (RuntimeException e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(300);
            }
        }
    }

    /** Re-reads every run's file until interrupted (Ctrl-C ends the JVM; tests interrupt the thread). */
    private void follow(List<RunStatsMirror> mirrors) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(refreshSeconds * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            for (RunStatsMirror m : mirrors) {
                try {
                    m.refresh();
                } catch (Exception midWrite) {
                    // A copy taken in the middle of a write: the next refresh takes another.
                }
            }
        }
    }

    private static void stopQuietly() {
        try {
            VertxUIServer.stopInstance();
        } catch (Exception ignored) {
            // Nothing was listening.
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
