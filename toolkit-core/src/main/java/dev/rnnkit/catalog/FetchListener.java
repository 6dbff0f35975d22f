package dev.rnnkit.catalog;

import java.net.URI;

/**
 * Progress callbacks of {@link DatasetFetcher}, so a front end can draw progress bars and print notes.
 *
 * <p>All methods are called on the fetching thread, in order: for each network transfer
 * {@code transferStarted}, any number of {@code transferProgress}, then {@code transferEnded} (also after a
 * failure); {@code fileDone} once per file.
 */
public interface FetchListener {

    /** A listener that ignores everything. */
    FetchListener SILENT = new FetchListener() {
    };

    /** A download of {@code file} (e.g. {@code sst2/train.tsv}) from {@code from} began; -1 if size unknown. */
    default void transferStarted(String file, URI from, long totalBytes) {
    }

    /** {@code bytesSoFar} of the current download have arrived. */
    default void transferProgress(String file, long bytesSoFar, long totalBytes) {
    }

    /** The current download stopped, finished or not. */
    default void transferEnded(String file) {
    }

    /** A file is settled; {@code result.describe()} is a one-line summary. */
    default void fileDone(FetchReport.FileResult result) {
    }

    /** Something went wrong but the fetcher will try another way (retry, next source, re-fetch). */
    default void warning(String message) {
    }
}
