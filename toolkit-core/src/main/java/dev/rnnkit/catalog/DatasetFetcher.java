package dev.rnnkit.catalog;

import dev.rnnkit.catalog.FetchReport.FileResult;
import dev.rnnkit.catalog.FetchReport.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Puts a catalogue data set's files into the data directory, verified by SHA-256.
 *
 * <p>For each file: skip it if the target already has the right checksum; else copy it from the mirror
 * ({@code <mirror>/<name>/<path>}) if the copy there has the right checksum; else download each source in
 * turn (all of its original files; one retry on transient failures: I/O errors, HTTP 408/429/5xx, short bodies), convert it and check
 * the checksum. A transfer that delivers nothing for the timeout counts as a transient failure. Every write goes to a temporary file next to the target that is moved into place with
 * {@code ATOMIC_MOVE} only after its checksum matched, and is deleted on failure or JVM exit; so the target
 * path holds a verified file or nothing.
 */
public final class DatasetFetcher {

    /** Downloads per source: the first try plus one retry. */
    private static final int ATTEMPTS = 2;

    /** Checks downloads for stalls; daemon, so it never keeps the JVM alive. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rnnkit-download-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final HttpClient http;
    private final Duration timeout;
    private final Duration retryDelay;

    /** A fetcher with its own HTTP client: redirects followed, 60 s timeouts (see {@link #DatasetFetcher(HttpClient, Duration)}). */
    public DatasetFetcher() {
        this(HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(60))
                .build(), Duration.ofSeconds(60), Duration.ofSeconds(2));
    }

    /**
     * A fetcher that uses the given client. {@code timeout} bounds the wait for response headers and any
     * pause in the body: the JDK client has no read timeout, so a stalled transfer would otherwise hang.
     * {@code retryDelay} is the pause before the one retry of a transient failure.
     */
    public DatasetFetcher(HttpClient http, Duration timeout, Duration retryDelay) {
        this.http = http;
        this.timeout = timeout;
        this.retryDelay = retryDelay;
    }

    /** Fetches every file of {@code dataset} into {@code data}; never throws for a single file's failure. */
    public FetchReport fetch(Dataset dataset, DataDirectory data, FetchListener listener) {
        Path directory = data.datasetDirectory(dataset);
        Optional<Path> mirror = data.mirror().map(m -> m.resolve(dataset.name()));
        List<FileResult> results = new ArrayList<>();
        for (DatasetFile file : dataset.files()) {
            FileResult result = fetchFile(dataset.label(file), file, directory.resolve(file.path()),
                    mirror.map(m -> m.resolve(file.path())), listener);
            listener.fileDone(result);
            results.add(result);
        }
        return new FetchReport(dataset.name(), directory, results);
    }

    private FileResult fetchFile(String label, DatasetFile file, Path target, Optional<Path> mirrorCopy,
                                 FetchListener listener) {
        try {
            if (Files.isRegularFile(target)) {
                String got = Sha256.of(target);
                if (got.equals(file.sha256())) {
                    return new FileResult(label, Outcome.ALREADY_PRESENT, target.toString());
                }
                listener.warning(label + ": present with " + mismatch(file.sha256(), got) + "; fetching it again");
            }
            Files.createDirectories(target.getParent());
            if (mirrorCopy.isPresent() && Files.isRegularFile(mirrorCopy.get())) {
                try {
                    install(List.of(mirrorCopy.get()), FileConverters.named(FileSource.IDENTITY), target, file.sha256());
                    return new FileResult(label, Outcome.COPIED_FROM_MIRROR, mirrorCopy.get().toString());
                } catch (FetchFailure e) {
                    listener.warning(label + ": mirror copy " + mirrorCopy.get() + " has " + e.getMessage()
                            + "; trying the sources");
                }
            }
            String problem = null;
            for (FileSource source : file.sources()) {
                if (problem != null) {
                    listener.warning(label + ": " + problem + "; trying " + source.describe());
                }
                try {
                    fetchSource(label, file, source, target, listener);
                    return new FileResult(label, Outcome.DOWNLOADED, source.describe()
                            + (source.convert().equals(FileSource.IDENTITY) ? "" : ", converted " + source.convert()));
                } catch (FetchFailure e) {
                    problem = e.getMessage();
                }
            }
            return new FileResult(label, Outcome.FAILED, problem);
        } catch (IOException e) {
            return new FileResult(label, Outcome.FAILED, describe(e));
        }
    }

    private void fetchSource(String label, DatasetFile file, FileSource source, Path target, FetchListener listener)
            throws IOException, FetchFailure {
        FileConverter converter = FileConverters.named(source.convert());
        List<URI> uris = source.uris();
        List<Path> inputs = new ArrayList<>();
        List<Path> downloads = new ArrayList<>();
        try {
            for (URI uri : uris) {
                if ("file".equalsIgnoreCase(uri.getScheme())) {
                    inputs.add(Path.of(uri));
                    continue;
                }
                Path download = tempNextTo(target);
                downloads.add(download);
                // The target's size only estimates a download that is the whole target.
                downloadWithRetry(label, uri, uris.size() == 1 ? file.size() : -1, download, listener);
                inputs.add(download);
            }
            install(inputs, converter, target, file.sha256());
        } finally {
            for (Path download : downloads) {
                Files.deleteIfExists(download);
            }
        }
    }

    private void downloadWithRetry(String label, URI uri, long expectedSize, Path into, FetchListener listener)
            throws IOException, FetchFailure {
        for (int attempt = 1; ; attempt++) {
            try {
                download(label, uri, expectedSize, into, listener);
                return;
            } catch (FetchFailure e) {
                if (!e.transientFailure || attempt == ATTEMPTS) {
                    throw e;
                }
                listener.warning(label + ": " + e.getMessage() + "; retrying");
                pause(retryDelay);
            }
        }
    }

    private static void pause(Duration delay) throws InterruptedIOException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted before retrying");
        }
    }

    /** Converts {@code inputs} into a temp file next to {@code target}, checks it and moves it into place. */
    private static void install(List<Path> inputs, FileConverter converter, Path target, String sha256)
            throws IOException, FetchFailure {
        Path converted = tempNextTo(target);
        try {
            converter.convert(inputs, converted);
            String got = Sha256.of(converted);
            if (!got.equals(sha256)) {
                throw new FetchFailure(mismatch(sha256, got), false);
            }
            if (converted.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // temp files are created owner-only; data files are ordinary readable files
                Files.setPosixFilePermissions(converted, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(converted, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(converted);
        }
    }

    private void download(String label, URI uri, long expectedSize, Path into, FetchListener listener)
            throws IOException, FetchFailure {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + uri);
        } catch (IOException e) {
            throw new FetchFailure("download failed (" + describe(e) + ") from " + uri, true);
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status != 200) {
                throw new FetchFailure("HTTP " + status + " from " + uri,
                        status >= 500 || status == 408 || status == 429);
            }
            long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            long total = announced >= 0 ? announced : expectedSize;
            listener.transferStarted(label, uri, total);
            StallWatch watch = new StallWatch(body, timeout);
            long received = 0;
            try (OutputStream out = Files.newOutputStream(into)) {
                byte[] buffer = new byte[1 << 16];
                for (int n = readSome(body, buffer, received, total, uri); n >= 0;
                        n = readSome(body, buffer, received, total, uri)) {
                    watch.progressed();
                    out.write(buffer, 0, n);
                    received += n;
                    listener.transferProgress(label, received, total);
                }
            } catch (FetchFailure e) {
                throw watch.stalled() ? stall(received, total, uri) : e;
            } finally {
                watch.stop();
                listener.transferEnded(label);
            }
            if (watch.stalled()) {
                throw stall(received, total, uri);
            }
            if (announced >= 0 && received != announced) {
                throw new FetchFailure("connection closed after " + received + " of " + announced
                        + " bytes from " + uri, true);
            }
        }
    }

    private FetchFailure stall(long received, long total, URI uri) {
        String pause = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
        return new FetchFailure("no data for " + pause + " after " + received + " of " + total + " bytes from " + uri,
                true);
    }

    /** One read from the response body; a network error becomes a transient failure. */
    private static int readSome(InputStream body, byte[] buffer, long received, long total, URI uri)
            throws IOException, FetchFailure {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            throw new FetchFailure("connection lost after " + received + " of " + total + " bytes ("
                    + describe(e) + ") from " + uri, true);
        }
    }

    /** Closes a response body that has not delivered data for the timeout, which ends a blocked read. */
    private static final class StallWatch {
        private final InputStream body;
        private final long timeoutNanos;
        private final ScheduledFuture<?> check;
        private volatile long lastProgress = System.nanoTime();
        private volatile boolean stalled;

        StallWatch(InputStream body, Duration timeout) {
            this.body = body;
            this.timeoutNanos = timeout.toNanos();
            long period = Math.max(1, timeout.toMillis() / 4);
            this.check = WATCHDOG.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
        }

        void progressed() {
            lastProgress = System.nanoTime();
        }

        private void check() {
            if (System.nanoTime() - lastProgress > timeoutNanos) {
                stalled = true;
                check.cancel(false);
                try {
                    body.close();
                } catch (IOException e) {
                    // the reader sees the end of the stream either way
                }
            }
        }

        boolean stalled() {
            return stalled;
        }

        void stop() {
            check.cancel(false);
        }
    }

    /** A hidden temp file in the target's directory, so the final move is a same-file-system rename. */
    private static Path tempNextTo(Path target) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
        // Covers Ctrl-C: finally blocks do not run when the JVM is stopped, shutdown hooks do.
        temp.toFile().deleteOnExit();
        return temp;
    }

    private static String mismatch(String expected, String got) {
        return "checksum mismatch: expected " + expected + ", got " + got;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** A failure of one source; transient ones are retried once. */
    private static final class FetchFailure extends Exception {
        final boolean transientFailure;

        FetchFailure(String message, boolean transientFailure) {
            super(message, null, false, false);
            this.transientFailure = transientFailure;
        }
    }
}
