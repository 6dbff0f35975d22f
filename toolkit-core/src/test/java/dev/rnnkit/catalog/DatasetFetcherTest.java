package dev.rnnkit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rnnkit.catalog.FetchReport.FileResult;
import dev.rnnkit.catalog.FetchReport.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching against a loopback HTTP server whose behaviour each test chooses per path. */
class DatasetFetcherTest {

    private static final byte[] TRAIN = "sentence\tlabel\ngood film \t1\nbad film \t0\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DEV = "sentence\tlabel\nfine \t1\n".getBytes(StandardCharsets.UTF_8);

    /** What the server does for one path. */
    private interface Behaviour {
        void respond(HttpExchange exchange) throws IOException;
    }

    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final FetchListener recorder = new FetchListener() {
        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    };

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Behaviour b = behaviours.getOrDefault(path, e -> send(e, 404, new byte[0]));
            b.respond(exchange);
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // a stalled handler must not block others
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void send(HttpExchange e, int status, byte[] body) throws IOException {
        e.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(body);
        }
    }

    /** Announces the full length, sends half of it, then drops the connection. */
    private static void sendHalfThenClose(HttpExchange e, byte[] body) throws IOException {
        e.sendResponseHeaders(200, body.length);
        OutputStream out = e.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        // HttpServer closes the connection when a handler throws; closing the stream would keep it open.
        throw new IOException("test: drop the connection mid-body");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private Dataset dataset(DatasetFile... files) {
        return new Dataset("sst2", "test data", "test licence", List.of(), List.of(files));
    }

    private DatasetFile file(String path, byte[] content, String... urls) throws Exception {
        return new DatasetFile(path, content.length, sha256(content),
                Stream.of(urls).map(u -> new FileSource(url(u), null)).toList());
    }

    private DataDirectory dataDir(Path mirror) {
        return DataDirectory.locate(tmp.resolve("data"), mirror, Map.of(), new DatasetCatalog(List.of()));
    }

    private static DatasetFetcher fetcher() {
        return new DatasetFetcher(HttpClient.newHttpClient(), Duration.ofSeconds(30), Duration.ZERO);
    }

    private FetchReport fetch(Dataset d, Path mirror) {
        return fetcher().fetch(d, dataDir(mirror), recorder);
    }

    private List<String> filesIn(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** Writes a fixture file under the temp directory, creating its parents. */
    private Path write(String relative, byte[] content) throws IOException {
        Path file = tmp.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    private int requestsFor(String path) {
        return requests.getOrDefault(path, new AtomicInteger()).get();
    }

    @Test
    void goodChecksumLandsTheFileWithItsContent() throws Exception {
        behaviours.put("/glue/train_full.tsv", e -> send(e, 200, TRAIN));
        behaviours.put("/glue/dev.tsv", e -> send(e, 200, DEV));

        FetchReport report = fetch(dataset(file("train.tsv", TRAIN, "/glue/train_full.tsv"),
                file("dev.tsv", DEV, "/glue/dev.tsv")), null);

        Path dir = tmp.resolve("data/sst2");
        assertTrue(report.complete());
        assertEquals(List.of(Outcome.DOWNLOADED, Outcome.DOWNLOADED),
                report.files().stream().map(FileResult::outcome).toList());
        assertEquals(new String(TRAIN, StandardCharsets.UTF_8), Files.readString(dir.resolve("train.tsv")));
        assertEquals(new String(DEV, StandardCharsets.UTF_8), Files.readString(dir.resolve("dev.tsv")));
        assertEquals(List.of("dev.tsv", "train.tsv"), filesIn(dir));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("train.tsv"))));
        assertEquals("sst2/train.tsv: downloaded (" + url("/glue/train_full.tsv") + ")", report.files().get(0).describe());
        assertEquals("sst2: 2 of 2 files in " + dir + " (2 downloaded)", report.summary());
        assertEquals(List.of(), warnings);
    }

    @Test
    void badChecksumFailsWithBothSumsAndLeavesNoFile() throws Exception {
        byte[] tampered = "sentence\tlabel\nevil \t1\n".getBytes(StandardCharsets.UTF_8);
        behaviours.put("/train.tsv", e -> send(e, 200, tampered));

        FetchReport report = fetch(dataset(file("train.tsv", TRAIN, "/train.tsv")), null);

        assertFalse(report.complete());
        assertEquals("sst2/train.tsv: checksum mismatch: expected " + sha256(TRAIN) + ", got " + sha256(tampered),
                report.failures().get(0).describe());
        assertEquals(List.of(), filesIn(tmp.resolve("data")));
        assertEquals(1, requestsFor("/train.tsv"), "a checksum mismatch is not retried");
    }

    @Test
    void interruptedDownloadIsRetriedOnceThenFailsLeavingNoPartialFile() throws Exception {
        behaviours.put("/train.tsv", e -> sendHalfThenClose(e, TRAIN));

        FetchReport report = fetch(dataset(file("train.tsv", TRAIN, "/train.tsv")), null);

        assertEquals(Outcome.FAILED, report.files().get(0).outcome());
        String message = report.failures().get(0).describe();
        // the parenthesis holds the JDK's own words for the dropped connection
        assertTrue(message.startsWith("sst2/train.tsv: connection lost after " + TRAIN.length / 2 + " of "
                + TRAIN.length + " bytes ("), message);
        assertTrue(message.endsWith(") from " + url("/train.tsv")), message);
        assertEquals(2, requestsFor("/train.tsv"));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).endsWith("; retrying"), warnings.get(0));
        assertEquals(List.of(), filesIn(tmp.resolve("data")));
    }

    @Test
    void stalledDownloadIsAbandonedAfterTheTimeout() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        behaviours.put("/train.tsv", e -> {
            e.sendResponseHeaders(200, TRAIN.length);
            e.getResponseBody().write(TRAIN, 0, 10);
            e.getResponseBody().flush();
            try {
                release.await(); // hold the connection open without sending more
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("test: give up");
        });
        DatasetFetcher fetcher = new DatasetFetcher(HttpClient.newHttpClient(), Duration.ofMillis(300), Duration.ZERO);

        FetchReport report = fetcher.fetch(dataset(file("train.tsv", TRAIN, "/train.tsv")), dataDir(null), recorder);
        release.countDown();

        assertEquals(2, requestsFor("/train.tsv"));

        assertEquals("sst2/train.tsv: no data for 300 ms after 10 of " + TRAIN.length + " bytes from " + url("/train.tsv"),
                report.failures().get(0).describe());
        assertEquals(List.of(), filesIn(tmp.resolve("data")));
    }

    @Test
    void retrySucceedsAfterOneDroppedConnection() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        behaviours.put("/train.tsv", e -> {
            if (calls.incrementAndGet() == 1) {
                sendHalfThenClose(e, TRAIN);
            } else {
                send(e, 200, TRAIN);
            }
        });

        FetchReport report = fetch(dataset(file("train.tsv", TRAIN, "/train.tsv")), null);

        assertTrue(report.complete());
        assertEquals(2, requestsFor("/train.tsv"));
        assertEquals(List.of("train.tsv"), filesIn(tmp.resolve("data/sst2")));
        assertEquals(new String(TRAIN, StandardCharsets.UTF_8), Files.readString(tmp.resolve("data/sst2/train.tsv")));
    }

    @Test
    void notFoundIsNotRetriedAndTheNextSourceIsTried() throws Exception {
        behaviours.put("/mirror2/train.tsv", e -> send(e, 200, TRAIN));

        FetchReport report = fetch(dataset(file("train.tsv", TRAIN, "/gone/train.tsv", "/mirror2/train.tsv")), null);

        assertEquals(new FileResult("sst2/train.tsv", Outcome.DOWNLOADED, url("/mirror2/train.tsv")), report.files().get(0));
        assertEquals(1, requestsFor("/gone/train.tsv"));
        assertEquals(List.of("sst2/train.tsv: HTTP 404 from " + url("/gone/train.tsv") + "; trying "
                + url("/mirror2/train.tsv")), warnings);
    }

    @Test
    void refusedConnectionIsRetriedThenReportedWithTheUrl() throws Exception {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + port + "/train.tsv";
        DatasetFile train = new DatasetFile("train.tsv", TRAIN.length, sha256(TRAIN), List.of(new FileSource(dead, null)));

        FetchReport report = fetch(dataset(train), null);

        assertEquals("sst2/train.tsv: download failed (ConnectException) from " + dead, report.failures().get(0).describe());
        assertEquals(List.of("sst2/train.tsv: download failed (ConnectException) from " + dead + "; retrying"), warnings);
        assertEquals(List.of(), filesIn(tmp.resolve("data")));
    }

    @Test
    void serverErrorIsRetriedOnceAndReported() throws Exception {
        behaviours.put("/train.tsv", e -> send(e, 503, new byte[0]));

        FetchReport report = fetch(dataset(file("train.tsv", TRAIN, "/train.tsv")), null);

        assertEquals("sst2/train.tsv: HTTP 503 from " + url("/train.tsv"), report.failures().get(0).describe());
        assertEquals(2, requestsFor("/train.tsv"));
        assertEquals(List.of(), filesIn(tmp.resolve("data")));
    }

    @Test
    void mirrorHitMakesNoHttpRequest() throws Exception {
        Path mirror = write("mirror/sst2/train.tsv", TRAIN).getParent().getParent();
        behaviours.put("/train.tsv", e -> send(e, 200, TRAIN));

        FetchReport report = fetch(dataset(file("train.tsv", TRAIN, "/train.tsv")), mirror);

        assertEquals(new FileResult("sst2/train.tsv", Outcome.COPIED_FROM_MIRROR,
                mirror.resolve("sst2/train.tsv").toString()), report.files().get(0));
        assertEquals(Map.of(), requests);
        assertEquals(new String(TRAIN, StandardCharsets.UTF_8), Files.readString(tmp.resolve("data/sst2/train.tsv")));
        assertEquals(List.of("train.tsv"), filesIn(mirror.resolve("sst2")), "the mirror is left as it was");
    }

    @Test
    void mirrorCopyWithWrongChecksumFallsBackToTheNetwork() throws Exception {
        Path mirror = write("mirror/sst2/train.tsv", DEV).getParent().getParent();
        behaviours.put("/train.tsv", e -> send(e, 200, TRAIN));

        FetchReport report = fetch(dataset(file("train.tsv", TRAIN, "/train.tsv")), mirror);

        assertEquals(Outcome.DOWNLOADED, report.files().get(0).outcome());
        assertEquals(1, requestsFor("/train.tsv"));
        assertEquals(List.of("sst2/train.tsv: mirror copy " + mirror.resolve("sst2/train.tsv") + " has checksum mismatch: expected "
                + sha256(TRAIN) + ", got " + sha256(DEV) + "; trying the sources"), warnings);
        assertEquals(List.of("train.tsv"), filesIn(tmp.resolve("data/sst2")));
    }

    @Test
    void presentFileWithRightChecksumIsSkipped() throws Exception {
        write("data/sst2/train.tsv", TRAIN);
        behaviours.put("/train.tsv", e -> send(e, 200, TRAIN));

        FetchReport report = fetch(dataset(file("train.tsv", TRAIN, "/train.tsv")), null);

        assertEquals("sst2/train.tsv: already present", report.files().get(0).describe());
        assertEquals(Map.of(), requests);
    }

    @Test
    void presentFileWithWrongChecksumIsReplaced() throws Exception {
        Path target = write("data/sst2/train.tsv", DEV);
        behaviours.put("/train.tsv", e -> send(e, 200, TRAIN));

        FetchReport report = fetch(dataset(file("train.tsv", TRAIN, "/train.tsv")), null);

        assertEquals(Outcome.DOWNLOADED, report.files().get(0).outcome());
        assertEquals(new String(TRAIN, StandardCharsets.UTF_8), Files.readString(target));
        assertEquals(List.of("train.tsv"), filesIn(target.getParent()));
    }

    @Test
    void convertingSourceIsConvertedBeforeTheChecksum() throws Exception {
        byte[] iob1 = "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\n".getBytes(StandardCharsets.US_ASCII);
        byte[] iob2 = "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n".getBytes(StandardCharsets.US_ASCII);
        behaviours.put("/eng.train", e -> send(e, 200, iob1));
        DatasetFile train = new DatasetFile("train.txt", iob2.length, sha256(iob2),
                List.of(new FileSource(url("/eng.train"), "iob1-to-iob2")));

        FetchReport report = fetcher().fetch(
                new Dataset("conll2003", "d", "l", List.of(), List.of(train)), dataDir(null), recorder);

        assertEquals("conll2003/train.txt: downloaded (" + url("/eng.train") + ", converted iob1-to-iob2)",
                report.files().get(0).describe());
        assertEquals(new String(iob2, StandardCharsets.US_ASCII),
                Files.readString(tmp.resolve("data/conll2003/train.txt")));
        assertEquals(List.of("train.txt"), filesIn(tmp.resolve("data/conll2003")));
    }

    /** Multi30k's raw text is served gzipped: the fetcher decompresses it, then checks the text's checksum. */
    @Test
    void gzippedSourceIsDecompressed() throws Exception {
        byte[] text = "Two young, White males are outside near many bushes.\nDeux jeunes hommes.\n".getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(text);
        }
        behaviours.put("/raw/train.en.gz", e -> send(e, 200, gz.toByteArray()));
        DatasetFile train = new DatasetFile("train.en", text.length, sha256(text),
                List.of(new FileSource(url("/raw/train.en.gz"), "gunzip")));

        FetchReport report = fetcher().fetch(new Dataset("multi30k", "d", "l", List.of(), List.of(train)), dataDir(null), recorder);

        assertTrue(report.complete(), report.summary());
        assertEquals(new String(text, StandardCharsets.UTF_8), Files.readString(tmp.resolve("data/multi30k/train.en")));
    }

    @Test
    void sourceOfTwoFilesDownloadsBothAndConvertsThemTogether() throws Exception {
        behaviours.put("/rt-polarity.neg", e -> send(e, 200, "bad .\n".getBytes(StandardCharsets.ISO_8859_1)));
        behaviours.put("/rt-polarity.pos", e -> send(e, 200, "good .\n".getBytes(StandardCharsets.ISO_8859_1)));
        byte[] test = "sentence\tlabel\nbad .\t0\ngood .\t1\n".getBytes(StandardCharsets.UTF_8);
        FileSource both = new FileSource(List.of(url("/rt-polarity.neg"), url("/rt-polarity.pos")), "rt-polarity-test");
        DatasetFile file = new DatasetFile("test.tsv", test.length, sha256(test), List.of(both));

        FetchReport report = fetcher().fetch(new Dataset("mr", "d", "l", List.of(), List.of(file)), dataDir(null), recorder);

        assertEquals("mr/test.tsv: downloaded (" + url("/rt-polarity.neg") + " + " + url("/rt-polarity.pos")
                + ", converted rt-polarity-test)", report.files().get(0).describe());
        assertEquals(new String(test, StandardCharsets.UTF_8), Files.readString(tmp.resolve("data/mr/test.tsv")));
        assertEquals(List.of("test.tsv"), filesIn(tmp.resolve("data/mr")), "both downloads are cleaned up");
    }

    @Test
    void listenerSeesProgressUpToTheFullSize() throws Exception {
        behaviours.put("/train.tsv", e -> send(e, 200, TRAIN));
        List<String> events = new ArrayList<>();
        FetchListener listener = new FetchListener() {
            @Override
            public void transferStarted(String file, java.net.URI from, long totalBytes) {
                events.add("start " + file + " " + totalBytes);
            }

            @Override
            public void transferProgress(String file, long bytesSoFar, long totalBytes) {
                events.add("at " + bytesSoFar);
            }

            @Override
            public void transferEnded(String file) {
                events.add("end " + file);
            }
        };

        fetcher().fetch(dataset(file("train.tsv", TRAIN, "/train.tsv")), dataDir(null), listener);

        assertEquals(List.of("start sst2/train.tsv " + TRAIN.length, "at " + TRAIN.length, "end sst2/train.tsv"), events);
    }
}
