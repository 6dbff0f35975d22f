package dev.rnnkit.catalog;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns a downloaded original file into the catalogue's target file (rename-only sources use identity).
 *
 * <p>Implementations write {@code target} completely or throw; the fetcher checks the result's SHA-256
 * and moves it into place, so a converter never needs to care about atomicity or clean-up.
 */
@FunctionalInterface
public interface FileConverter {

    /** Reads {@code source} and writes the converted file to {@code target} (which exists and is empty). */
    void convert(Path source, Path target) throws IOException;
}
