package dev.rnnkit.train;

import dev.rnnkit.config.UiStatsConfig;
import dev.rnnkit.model.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

/**
 * DL4J's {@link StatsListener} on a network while it trains, writing DL4J training-UI statistics into a run
 * directory's {@code ui-stats.dl4j} ({@link FileStatsStorage}) when {@code training.ui_stats.enabled} is on.
 *
 * <p>Each start and each resume is a new listener and so a new UI session, added to the same file: {@code rnnkit ui}
 * lists them side by side. The file is a MapDB store with a write-ahead log, committed after every record, so a
 * run killed mid-write still reopens on resume; one that does not is moved aside and a new file begun.
 */
final class UiStatsRecorder implements AutoCloseable {

    private static final UiStatsRecorder OFF = new UiStatsRecorder(null, null, null);

    private final Network network;
    private final StatsListener listener;
    private final FileStatsStorage storage;

    private UiStatsRecorder(Network network, StatsListener listener, FileStatsStorage storage) {
        this.network = network;
        this.listener = listener;
        this.storage = storage;
    }

    /** Attaches a listener to {@code network} writing into {@code file}, or nothing when recording is off. */
    static UiStatsRecorder start(UiStatsConfig config, Path file, Network network, ProgressListener progress) {
        if (!config.enabled()) {
            return OFF;
        }
        FileStatsStorage storage = open(file, progress);
        StatsListener listener = new StatsListener(storage, config.frequency());
        List<TrainingListener> with = new ArrayList<>(network.listeners());
        with.add(listener);
        network.setListeners(with);
        progress.message("DL4J UI statistics every " + config.frequency() + " iteration" + (config.frequency() == 1 ? "" : "s")
                + " into " + file + " (view with: rnnkit ui " + file.getParent() + ")");
        return new UiStatsRecorder(network, listener, storage);
    }

    private static FileStatsStorage open(Path file, ProgressListener progress) {
        try {
            return new FileStatsStorage(file.toFile());
        } catch (RuntimeException unreadable) {
            // Statistics are a view on training, not part of it: a damaged file must not stop a resume.
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
            try {
                Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new IllegalStateException("cannot open " + file + " (" + unreadable.getMessage()
                        + ") nor move it aside: " + e.getMessage(), e);
            }
            progress.message(file + " could not be opened (" + unreadable.getMessage() + "); moved to " + aside.getFileName()
                    + ", recording into a new file");
            return new FileStatsStorage(file.toFile());
        }
    }

    /** Takes the listener off the network and closes the file, so that the UI can read all of it. */
    @Override
    public void close() {
        if (listener == null) {
            return;
        }
        List<TrainingListener> rest = new ArrayList<>(network.listeners());
        rest.remove(listener);
        network.setListeners(rest);
        storage.close();
    }
}
