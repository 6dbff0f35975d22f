package dev.rnnkit.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The converters a catalogue source can name in its {@code convert} field. */
public final class FileConverters {

    private static final Map<String, FileConverter> BY_NAME = new TreeMap<>(Map.<String, FileConverter>of(
            FileSource.IDENTITY, FileConverters::copy,
            "gunzip", FileConverters::gunzip,
            "iob1-to-iob2", new Iob1ToIob2Converter(),
            "rt-polarity-train", new RtPolaritySplitConverter(RtPolaritySplitConverter.Split.TRAIN),
            "rt-polarity-validation", new RtPolaritySplitConverter(RtPolaritySplitConverter.Split.VALIDATION),
            "rt-polarity-test", new RtPolaritySplitConverter(RtPolaritySplitConverter.Split.TEST)));

    private FileConverters() {
    }

    /** The converter called {@code name}; the catalogue is checked against {@link #names()} on loading. */
    public static FileConverter named(String name) {
        FileConverter c = BY_NAME.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown converter '" + name + "'");
        }
        return c;
    }

    /** The converter names, sorted. */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    /** Decompresses the one download, a gzip file (Multi30k ships its raw text as .gz), into the existing target. */
    private static void gunzip(List<Path> sources, Path target) throws java.io.IOException {
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(sources.get(0)));
             java.io.OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
    }

    /** Copies the one download into the existing target, which keeps the target's (not the source's) permissions. */
    private static void copy(List<Path> sources, Path target) throws java.io.IOException {
        try (java.io.OutputStream out = Files.newOutputStream(target)) {
            Files.copy(sources.get(0), out);
        }
    }
}
