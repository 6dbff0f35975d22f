package dev.rnnkit.catalog;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link DatasetFetcher#fetch} did with each file of a data set.
 *
 * @param dataset   the data set name
 * @param directory the data set's directory under the data directory
 * @param files     one result per catalogue file, in catalogue order
 */
public record FetchReport(String dataset, Path directory, List<FileResult> files) {

    public FetchReport {
        files = List.copyOf(files);
    }

    /** How a file got into place, or that it did not. */
    public enum Outcome {
        /** It was already there with the right checksum. */
        ALREADY_PRESENT("already present"),
        /** Copied from the mirror. */
        COPIED_FROM_MIRROR("copied from mirror"),
        /** Downloaded from one of its sources. */
        DOWNLOADED("downloaded"),
        /** Written by rnnkit's own generator (self-made data sets under {@code generated/}). */
        GENERATED("generated"),
        /** Not in place; the detail says why. */
        FAILED("failed");

        private final String words;

        Outcome(String words) {
            this.words = words;
        }
    }

    /**
     * The result for one file.
     *
     * @param file    label such as {@code sst2/train.tsv}
     * @param outcome what happened
     * @param detail  where it came from (path or URL), or for {@link Outcome#FAILED} the problem
     */
    public record FileResult(String file, Outcome outcome, String detail) {

        /** One line for people, e.g. {@code sst2/train.tsv: checksum mismatch: expected …, got …}. */
        public String describe() {
            return switch (outcome) {
                case FAILED -> file + ": " + detail;
                case ALREADY_PRESENT -> file + ": " + outcome.words;
                case COPIED_FROM_MIRROR, DOWNLOADED, GENERATED -> file + ": " + outcome.words + " (" + detail + ")";
            };
        }
    }

    /** The failed files. */
    public List<FileResult> failures() {
        return files.stream().filter(f -> f.outcome() == Outcome.FAILED).toList();
    }

    /** True when every file is in place. */
    public boolean complete() {
        return failures().isEmpty();
    }

    /** One line: "sst2: 3 of 3 files in /data/sst2 (2 downloaded, 1 already present)". */
    public String summary() {
        StringBuilder counts = new StringBuilder();
        for (Outcome o : Outcome.values()) {
            long n = files.stream().filter(f -> f.outcome() == o).count();
            if (n > 0) {
                counts.append(counts.length() == 0 ? "" : ", ").append(n).append(' ').append(o.words);
            }
        }
        long ok = files.size() - failures().size();
        return dataset + ": " + ok + " of " + files.size() + " files in " + directory + " (" + counts + ")";
    }
}
