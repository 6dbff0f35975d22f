package dev.rnnkit.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One file of a catalogue data set: where it goes, what it must hash to and where to get it.
 *
 * @param path    target path inside the data set's directory, with {@code /} separators (e.g.
 *                {@code train.tsv} or {@code french_rap_lyrics/sniper.txt})
 * @param size    size of the target file in bytes (for progress and listings; the checksum decides)
 * @param sha256  lower-case hex SHA-256 of the target file
 * @param sources download sources, tried in order
 */
public record DatasetFile(String path, long size, String sha256, List<FileSource> sources) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public DatasetFile {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("file needs a 'path'");
        }
        if (path.contains("\\") || path.startsWith("/") || !Path.of(path).normalize().toString().equals(path)
                || path.startsWith("..")) {
            throw new IllegalArgumentException("file path must be relative, normalised and use '/': " + path);
        }
        if (size < 0) {
            throw new IllegalArgumentException(path + ": size must be >= 0, got " + size);
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException(path + ": sha256 must be 64 lower-case hex digits, got " + sha256);
        }
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException(path + ": needs at least one source");
        }
        sources = List.copyOf(sources);
    }
}
