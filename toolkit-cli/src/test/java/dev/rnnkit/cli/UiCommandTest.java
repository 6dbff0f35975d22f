package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code training.ui_stats} and {@code rnnkit ui}: a tiny run records DL4J UI statistics, its errors are one line
 * with exit 2, a statistics file still being written is followed, and the real headless Chromium renders the
 * overview page with the score chart plotted (skipped without Chromium unless {@code RNNKIT_REQUIRE_BROWSER=1},
 * as CI sets it).
 */
class UiCommandTest {

    @TempDir
    static Path dir;

    static Path run;

    /** The score line of DL4J's overview chart (flot series colour #fa5833). */
    private static final int SCORE_RED = 0xfa, SCORE_GREEN = 0x58, SCORE_BLUE = 0x33;

    @BeforeAll
    static void trainWithStats() throws IOException {
        Path data = CliTestSupport.sentimentData(dir.resolve("data"), 32);
        Files.writeString(dir.resolve("cls.yaml"), """
                name: cls
                input: {type: embedding, embedding_size: 4}
                encoder: [{cell_type: lstm, state_size: 8}]
                output: {type: classification}
                training: {batch_size: 4, epochs: 3, ui_stats: {enabled: true, frequency: 1}}
                data: {train: train.tsv, validation: dev.tsv, prefetch: 0, text: {text_column: sentence, label_column: label}}
                """);
        run = dir.resolve("run");
        CliTestSupport.Result r = CliTestSupport.run("train", dir.resolve("cls.yaml").toString(), "--data-dir", data.toString(),
                "--run-dir", run.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("DL4J UI statistics every 1 iteration into"), r.out());
        assertTrue(Files.size(run.resolve("ui-stats.dl4j")) > 0);
    }

    @Test
    void theRunsStatisticsHoldOneSessionWithAnUpdatePerMinibatch() throws IOException {
        RunStatsMirror mirror = new RunStatsMirror(run.resolve("ui-stats.dl4j"));
        assertEquals(24, mirror.refresh()); // 3 epochs of 32 / 4 minibatches
        assertEquals(1, mirror.sessions().size());
        assertEquals(0, mirror.refresh(), "an unchanged file is not read again");
    }

    @Test
    void aResumedRunAddsASessionToTheSameFile() throws IOException {
        Path resumed = dir.resolve("resumed");
        String config = dir.resolve("cls.yaml").toString();
        String data = dir.resolve("data").toString();
        assertEquals(0, CliTestSupport.run("train", config, "--data-dir", data, "--run-dir", resumed.toString(),
                "--set", "training.epochs=1").exitCode());
        CliTestSupport.Result more = CliTestSupport.run("train", config, "--data-dir", data, "--resume", resumed.toString(),
                "--set", "training.epochs=2");
        assertEquals(0, more.exitCode(), more.err());
        RunStatsMirror mirror = new RunStatsMirror(resumed.resolve("ui-stats.dl4j"));
        assertEquals(16, mirror.refresh());
        assertEquals(2, mirror.sessions().size(), "one session per start or resume");
    }

    @Test
    void aFileStillBeingWrittenIsFollowed() throws IOException {
        // A trainer's view: the storage stays open (and locked) while updates keep coming.
        Path file = dir.resolve("live").resolve("ui-stats.dl4j");
        Files.createDirectories(file.getParent());
        FileStatsStorage writing = new FileStatsStorage(file.toFile());
        try {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                    .layer(new LSTM.Builder().nIn(2).nOut(3).build())
                    .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nIn(3).nOut(1).build())
                    .build());
            net.init();
            net.setListeners(new StatsListener(writing, 1));
            INDArray x = Nd4j.rand(2, 2, 5);
            INDArray y = Nd4j.rand(2, 1, 5);
            for (int i = 0; i < 3; i++) {
                net.fit(x, y);
            }
            RunStatsMirror mirror = new RunStatsMirror(file);
            assertEquals(3, mirror.refresh());
            for (int i = 0; i < 4; i++) {
                net.fit(x, y);
            }
            assertEquals(4, mirror.refresh());
            assertEquals(7, mirror.updates());
        } finally {
            writing.close();
        }
    }

    @Test
    void badRunDirectoriesAndPortsAreOneLineWithExit2() throws IOException {
        CliTestSupport.Result missing = CliTestSupport.run("ui", dir.resolve("nope").toString());
        assertEquals(2, missing.exitCode());
        assertEquals("rnnkit: " + dir.resolve("nope") + ": no such run directory", missing.err().strip());

        Path bare = Files.createDirectories(dir.resolve("bare"));
        CliTestSupport.Result noStats = CliTestSupport.run("ui", run.toString(), bare.toString());
        assertEquals(2, noStats.exitCode());
        assertTrue(noStats.err().strip().startsWith("rnnkit: " + bare + ": no DL4J UI statistics (ui-stats.dl4j); train with "
                + "training.ui_stats.enabled: true"), noStats.err());
        assertEquals(1, noStats.err().strip().lines().count());

        CliTestSupport.Result badPort = CliTestSupport.run("ui", run.toString(), "--port", "70000");
        assertEquals(2, badPort.exitCode());
        assertEquals("rnnkit: --port must be between 0 and 65535 (0: any free port), got 70000", badPort.err().strip());

        try (ServerSocket taken = new ServerSocket(0)) {
            CliTestSupport.Result busy = CliTestSupport.run("ui", run.toString(), "--port", String.valueOf(taken.getLocalPort()));
            assertEquals(2, busy.exitCode());
            assertEquals("rnnkit: port " + taken.getLocalPort() + " is in use; choose another with --port N (--port 0: any free port)",
                    busy.err().strip());
        }
    }

    @Test
    void chromiumRendersTheOverviewWithTheScoreChart() throws Exception {
        String chromium = browser();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Thread ui = new Thread(() -> RnnkitCli.commandLine().execute("ui", run.toString(), "--port", String.valueOf(port),
                "--refresh", "1"), "rnnkit-ui-test");
        ui.start();
        try {
            String url = "http://localhost:" + port + "/train/overview";
            awaitUp(url);
            String dom = runBrowser(chromium, "--dump-dom", url);
            // Filled in by the page's scripts from /train/overview/data: the session, the model and its updates.
            assertTrue(dom.contains("id=\"scoreiterchart\""), "no score chart in the page:\n" + head(dom));
            assertTrue(Pattern.compile("id=\"scoreiterchart\"[^>]*><canvas class=\"flot-base\"").matcher(dom).find(),
                    "the score chart was not drawn (no flot canvas):\n" + head(dom));
            assertTrue(dom.contains("id=\"modelType\">MultiLayerNetwork<"), "model information missing:\n" + head(dom));
            Matcher updates = Pattern.compile("id=\"totalParamUpdates\">(\\d+)<").matcher(dom);
            assertTrue(updates.find() && Integer.parseInt(updates.group(1)) == 24, "parameter updates not shown:\n" + head(dom));
            assertTrue(Pattern.compile("id=\"lastUpdate\">\\d{4}-\\d{2}-\\d{2} ").matcher(dom).find(), "no last update time:\n" + head(dom));

            Path png = dir.resolve("overview.png");
            runBrowser(chromium, "--screenshot=" + png, url);
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(1400, image.getWidth());
            // The score chart's plot area at this window size (left panel, below the title); its legend swatch alone
            // is about 100 pixels, a plotted line over the chart's width several hundred more.
            int line = countNear(image, 215, 115, 985, 400);
            assertTrue(line > 600, "the score line is not plotted in the chart area (" + line + " pixels of its colour); "
                    + "screenshot at " + png);
        } finally {
            ui.interrupt();
            ui.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** Pixels of the score line's colour (antialiasing allowed) in a rectangle. */
    private static int countNear(BufferedImage image, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < Math.min(y1, image.getHeight()); y++) {
            for (int x = x0; x < Math.min(x1, image.getWidth()); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (Math.abs(r - SCORE_RED) + Math.abs(g - SCORE_GREEN) + Math.abs(b - SCORE_BLUE) < 60) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Chromium's command, or the test is skipped (failed with RNNKIT_REQUIRE_BROWSER=1). */
    private static String browser() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(folder, name))) {
                    return Path.of(folder, name).toString();
                }
            }
        }
        if ("1".equals(System.getenv("RNNKIT_REQUIRE_BROWSER"))) {
            fail("RNNKIT_REQUIRE_BROWSER=1 but no chromium on PATH; install it with apt-get install -y chromium");
        }
        Assumptions.abort("no chromium on PATH (apt-get install -y chromium); RNNKIT_REQUIRE_BROWSER=1 requires it");
        return null;
    }

    private static String runBrowser(String chromium, String what, String url) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory(dir, "profile"), "--window-size=1400,1000",
                "--virtual-time-budget=15000", what, url)
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 120 s");
        }
        assertEquals(0, p.exitValue(), "chromium failed");
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static void awaitUp(String url) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
                c.setConnectTimeout(1000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // The server is still starting.
            }
            Thread.sleep(250);
        }
        fail("rnnkit ui did not answer on " + url + " within 60 s");
    }

    private static String head(String dom) {
        return dom.length() > 2000 ? dom.substring(0, 2000) + "..." : dom;
    }
}
