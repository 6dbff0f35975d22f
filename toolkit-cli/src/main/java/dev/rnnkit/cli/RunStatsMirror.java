package dev.rnnkit.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;

/**
 * A run directory's DL4J UI statistics ({@code ui-stats.dl4j}) mirrored into an in-memory storage that DL4J's UI
 * server serves, and brought up to date by {@link #refresh()} while the run trains.
 *
 * <p>The training process holds the file open and locked (MapDB), so opening it here would fail, and would lock a
 * resume out if it succeeded. Instead each refresh copies the file (and its write-ahead log) when it has changed,
 * opens the copy and moves the records not seen yet into the mirror, whose listeners (the UI) hear of them. A copy
 * taken in the middle of a write may not open; the next refresh takes another.
 */
final class RunStatsMirror {

    private final Path file;
    private final InMemoryStatsStorage storage = new InMemoryStatsStorage();
    /** The newest update timestamp mirrored, per session, type and worker. */
    private final Map<String, Long> newest = new HashMap<>();
    private final Set<String> described = new HashSet<>();
    private String seen = "";

    RunStatsMirror(Path file) {
        this.file = file;
    }

    /** The storage to attach to the UI server. */
    StatsStorage storage() {
        return storage;
    }

    /** Sessions mirrored so far (one per training start or resume). */
    List<String> sessions() {
        return storage.listSessionIDs();
    }

    /**
     * One line per session mirrored so far, oldest first: its id (as the UI's session list shows it), when it started
     * and its update records, e.g. {@code 6d6abf59-... started 08:29:58, 364 updates}.
     */
    List<String> describeSessions() {
        record Session(String id, long started, int updates) {
        }
        List<Session> sessions = new ArrayList<>();
        for (String session : storage.listSessionIDs()) {
            long started = Long.MAX_VALUE;
            int n = 0;
            for (String type : storage.listTypeIDsForSession(session)) {
                for (String worker : storage.listWorkerIDsForSession(session)) {
                    Persistable info = storage.getStaticInfo(session, type, worker);
                    if (info != null) {
                        started = Math.min(started, info.getTimeStamp());
                    }
                    n += storage.getNumUpdateRecordsFor(session, type, worker);
                }
            }
            sessions.add(new Session(session, started, n));
        }
        sessions.sort(Comparator.comparingLong(Session::started));
        java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneId.systemDefault());
        return sessions.stream().map(s -> s.id() + (s.started() == Long.MAX_VALUE ? "" : " started "
                + time.format(java.time.Instant.ofEpochMilli(s.started()))) + ", " + s.updates() + " updates").toList();
    }

    /** Update records mirrored so far, over all sessions and workers. */
    int updates() {
        int n = 0;
        for (String session : storage.listSessionIDs()) {
            for (String type : storage.listTypeIDsForSession(session)) {
                for (String worker : storage.listWorkerIDsForSession(session)) {
                    n += storage.getNumUpdateRecordsFor(session, type, worker);
                }
            }
        }
        return n;
    }

    /**
     * Reads what the file gained since the last call.
     *
     * @return the update records added
     * @throws IOException when the file cannot be copied
     * @throws RuntimeException when the copy cannot be read (taken mid-write): try again later
     */
    int refresh() throws IOException {
        List<Path> parts = parts();
        String state = signature(parts);
        if (state.equals(seen)) {
            return 0;
        }
        Path copy = Files.createTempDirectory("rnnkit-ui-");
        try {
            for (Path part : parts) {
                Files.copy(part, copy.resolve(part.getFileName()));
            }
            FileStatsStorage snapshot = new FileStatsStorage(copy.resolve(file.getFileName()).toFile());
            int added;
            try {
                added = take(snapshot);
            } finally {
                snapshot.close();
            }
            seen = state;
            return added;
        } finally {
            try (Stream<Path> s = Files.walk(copy)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The store and its write-ahead log files (MapDB names them {@code FILE.wal.N}). */
    private List<Path> parts() throws IOException {
        List<Path> parts = new ArrayList<>(List.of(file));
        try (DirectoryStream<Path> wal = Files.newDirectoryStream(file.getParent(), file.getFileName() + ".wal.*")) {
            wal.forEach(parts::add);
        }
        return parts;
    }

    private static String signature(List<Path> parts) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Path p : parts) {
            sb.append(p.getFileName()).append(':').append(Files.size(p)).append(':').append(Files.getLastModifiedTime(p).toMillis()).append(';');
        }
        return sb.toString();
    }

    private int take(StatsStorage from) {
        int added = 0;
        for (String session : from.listSessionIDs()) {
            for (String type : from.listTypeIDsForSession(session)) {
                // Metadata and static information before updates: the UI reads them when it hears of a session.
                if (described.add(session + '\n' + type)) {
                    StorageMetaData meta = from.getStorageMetaData(session, type);
                    if (meta != null) {
                        storage.putStorageMetaData(meta);
                    }
                }
                for (String worker : from.listWorkerIDsForSession(session)) {
                    String key = session + '\n' + type + '\n' + worker;
                    if (!newest.containsKey(key)) {
                        Persistable info = from.getStaticInfo(session, type, worker);
                        if (info != null) {
                            storage.putStaticInfo(info);
                        }
                    }
                    long after = newest.getOrDefault(key, Long.MIN_VALUE);
                    List<Persistable> updates = from.getAllUpdatesAfter(session, type, worker, after);
                    for (Persistable update : updates) {
                        storage.putUpdate(update);
                        after = Math.max(after, update.getTimeStamp());
                        added++;
                    }
                    newest.put(key, after);
                }
            }
        }
        return added;
    }
}
