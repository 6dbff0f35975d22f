package dev.rnnkit.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A catalogue data set: its files and what a user should know before fetching them.
 *
 * <p>The files land in {@code <data-dir>/<name>/<file path>}, so configs name them as
 * {@code <name>/<file path>}, e.g. {@code sst2/train.tsv}.
 *
 * @param name        directory name and command-line name, e.g. {@code sst2}
 * @param description one or two sentences on what the data is
 * @param licence     the terms of use in one or two sentences
 * @param homepages   upstream pages: the original project and the pinned origin repository
 * @param files       the files, in listing order
 */
public record Dataset(String name, String description, String licence, List<String> homepages, List<DatasetFile> files) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public Dataset {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("dataset name must match " + NAME + ", got " + name);
        }
        if (description == null || description.isBlank() || licence == null || licence.isBlank()) {
            throw new IllegalArgumentException(name + ": needs a 'description' and a 'licence'");
        }
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException(name + ": needs at least one file");
        }
        Set<String> seen = new HashSet<>();
        for (DatasetFile f : files) {
            if (!seen.add(f.path())) {
                throw new IllegalArgumentException(name + ": file listed twice: " + f.path());
            }
        }
        homepages = homepages == null ? List.of() : List.copyOf(homepages);
        files = List.copyOf(files);
    }

    /** Sum of the files' sizes in bytes. */
    public long totalSize() {
        return files.stream().mapToLong(DatasetFile::size).sum();
    }

    /** The file whose path (relative to the data set's directory) is {@code path}, if listed. */
    public java.util.Optional<DatasetFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** The label used in messages and configs for one of its files: {@code <name>/<path>}. */
    public String label(DatasetFile file) {
        return name + "/" + file.path();
    }
}
