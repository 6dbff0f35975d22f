package dev.rnnkit.data;

import dev.rnnkit.config.ConfigException;
import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Small helpers for data tests: configs from YAML, fixture files, arrays as nested lists. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A validated config: the given model lines plus an lstm encoder and batch size. */
    public static RnnkitConfig config(String yaml) {
        try {
            return ConfigLoader.parse("encoder: [{cell_type: lstm, state_size: 4}]\ntraining: {batch_size: 8}\n" + yaml,
                    "test.yaml", List.of());
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Writes a UTF-8 fixture file and returns its directory. */
    public static Path write(Path dir, String name, String content) {
        return writeBytes(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes raw bytes (e.g. invalid UTF-8). */
    public static Path writeBytes(Path dir, String name, byte[] content) {
        try {
            Path f = dir.resolve(name);
            Files.createDirectories(f.getParent());
            Files.write(f, content);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 2-d array as rows of floats for readable assertions. */
    public static String rows(INDArray a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.size(0); i++) {
            if (i > 0) {
                sb.append(" | ");
            }
            for (int j = 0; j < a.size(1); j++) {
                sb.append(j > 0 ? " " : "").append(fmt(a.getDouble(i, j)));
            }
        }
        return sb.toString();
    }

    /** Row {@code i} of a 3-d array [b, f, t] as "f0t0 f0t1 ; f1t0 f1t1". */
    public static String steps(INDArray a, int i) {
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < a.size(1); f++) {
            if (f > 0) {
                sb.append(" ; ");
            }
            for (int t = 0; t < a.size(2); t++) {
                sb.append(t > 0 ? " " : "").append(fmt(a.getDouble(i, f, t)));
            }
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
