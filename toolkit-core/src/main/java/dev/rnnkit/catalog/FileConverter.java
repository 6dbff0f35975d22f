package dev.rnnkit.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns downloaded original files into the catalogue's target file (rename-only sources use identity).
 *
 * <p>Most converters read one download; one that reads more says so in {@link #inputs()}, and a source that
 * names it lists that many URLs (checked when the catalogue is read). Implementations write {@code target}
 * completely or throw; the fetcher checks the result's SHA-256 and moves it into place, so a converter never
 * needs to care about atomicity or clean-up.
 */
@FunctionalInterface
public interface FileConverter {

    /**
     * Reads {@code sources} (the downloads, in the order of the source's URLs; {@link #inputs()} of them)
     * and writes the converted file to {@code target} (which exists and is empty).
     */
    void convert(List<Path> sources, Path target) throws IOException;

    /** How many downloads {@link #convert} reads; 1 unless overridden. */
    default int inputs() {
        return 1;
    }
}
