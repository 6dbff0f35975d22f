package dev.rnnkit.catalog;

import dev.rnnkit.config.Suggestions;
import dev.rnnkit.data.seq2seq.SyntheticPairs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The directory that the data paths of configs are relative to, plus the optional local mirror.
 *
 * <p>The data directory is the explicit setting (the CLI's {@code --data-dir}), else the environment
 * variable {@value #DATA_DIR_ENV}, else {@code ./data}. The mirror is the explicit setting ({@code --mirror}),
 * else {@value #MIRROR_ENV}, else none; it has the same layout as the data directory and is read only.
 */
public final class DataDirectory {

    /** Environment variable naming the data directory. */
    public static final String DATA_DIR_ENV = "RNNKIT_DATA_DIR";
    /** Environment variable naming the mirror directory. */
    public static final String MIRROR_ENV = "RNNKIT_DATA_MIRROR";
    /** The data directory when nothing else is set, relative to the working directory. */
    public static final Path DEFAULT = Path.of("data");

    /** Which setting chose a directory; used in messages so users know what to change. */
    public enum Origin {
        /** A command-line option or an explicit API argument. */
        OPTION("set by option"),
        /** An environment variable. */
        ENVIRONMENT("from environment"),
        /** The built-in default. */
        DEFAULT("default");

        private final String words;

        Origin(String words) {
            this.words = words;
        }
    }

    private final Path root;
    private final Origin origin;
    private final Path mirror;
    private final Origin mirrorOrigin;
    private final DatasetCatalog catalog;

    private DataDirectory(Path root, Origin origin, Path mirror, Origin mirrorOrigin, DatasetCatalog catalog) {
        this.root = root.toAbsolutePath().normalize();
        this.origin = origin;
        this.mirror = mirror == null ? null : mirror.toAbsolutePath().normalize();
        this.mirrorOrigin = mirrorOrigin;
        this.catalog = catalog;
    }

    /**
     * Locates the data directory and mirror from explicit settings (either may be null), the process
     * environment and the bundled catalogue.
     */
    public static DataDirectory locate(Path dataDir, Path mirror) {
        return locate(dataDir, mirror, System.getenv(), DatasetCatalog.bundled());
    }

    /** As {@link #locate(Path, Path)}, with the environment and catalogue given (for tests and embedding). */
    public static DataDirectory locate(Path dataDir, Path mirror, Map<String, String> env, DatasetCatalog catalog) {
        Path envDir = fromEnv(env, DATA_DIR_ENV);
        Path envMirror = fromEnv(env, MIRROR_ENV);
        Path root = dataDir != null ? dataDir : envDir != null ? envDir : DEFAULT;
        Origin origin = dataDir != null ? Origin.OPTION : envDir != null ? Origin.ENVIRONMENT : Origin.DEFAULT;
        Path m = mirror != null ? mirror : envMirror;
        Origin mirrorOrigin = mirror != null ? Origin.OPTION : envMirror != null ? Origin.ENVIRONMENT : null;
        return new DataDirectory(root, origin, m, mirrorOrigin, catalog);
    }

    private static Path fromEnv(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : Path.of(value.strip());
    }

    /** The data directory, absolute. */
    public Path root() {
        return root;
    }

    /** Which setting chose the data directory. */
    public Origin origin() {
        return origin;
    }

    /** The mirror directory, absolute, if one is set. */
    public Optional<Path> mirror() {
        return Optional.ofNullable(mirror);
    }

    /** The catalogue used for fetch suggestions. */
    public DatasetCatalog catalog() {
        return catalog;
    }

    /** Where a catalogue data set's files go: {@code <root>/<name>}. */
    public Path datasetDirectory(Dataset dataset) {
        return root.resolve(dataset.name());
    }

    /** "/abs/data (from RNNKIT_DATA_DIR)": the data directory and why it was chosen. */
    public String describe() {
        return root + " (" + originWords(origin, "--data-dir", DATA_DIR_ENV) + ")";
    }

    /** "/abs/mirror (set by --mirror)", or "none". */
    public String describeMirror() {
        return mirror == null ? "none" : mirror + " (" + originWords(mirrorOrigin, "--mirror", MIRROR_ENV) + ")";
    }

    private static String originWords(Origin o, String option, String env) {
        return switch (o) {
            case OPTION -> o.words + " " + option;
            case ENVIRONMENT -> o.words + " " + env;
            case DEFAULT -> o.words + " ./" + DEFAULT;
        };
    }

    /**
     * The existing file a config path names: relative paths resolve against the data directory, absolute
     * ones are taken as they are.
     *
     * @throws DataFileNotFoundException when the file does not exist; the message names the file, the data
     *         directory and, for a catalogue data set, the {@code rnnkit datasets fetch} command that gets it
     */
    public Path resolve(String pathFromConfig) {
        Path file = root.resolve(pathFromConfig).normalize();
        if (Files.isRegularFile(file)) {
            return file;
        }
        String where = Path.of(pathFromConfig).isAbsolute() ? "" : " in data directory " + describe();
        throw new DataFileNotFoundException("data file '" + pathFromConfig + "' not found" + where
                + (Path.of(pathFromConfig).isAbsolute() ? "" : hint(pathFromConfig)), file);
    }

    private String hint(String pathFromConfig) {
        return catalog.owning(pathFromConfig).map(d -> {
            String inside = pathFromConfig.replace('\\', '/').substring(d.name().length() + 1);
            if (d.file(inside).isPresent()) {
                return "; run 'rnnkit datasets fetch " + d.name() + "'";
            }
            return "; dataset '" + d.name() + "' has no such file" + Suggestions.didYouMean(inside,
                    d.files().stream().map(DatasetFile::path).toList());
        }).orElse("");
    }

    /**
     * Fetches, mirror first, every catalogue data set that owns one of these config paths when that path is
     * missing, so that a newcomer's first training run needs no separate download step. Paths outside the
     * catalogue are left for {@link #resolve} to report. A missing split of a self-made data set
     * ({@code generated/dates/train.tsv}, {@code generated/addition/...}) is generated with the defaults of
     * {@code rnnkit datasets generate}.
     *
     * @return one report per data set fetched or generated; empty when everything was in place
     */
    public List<FetchReport> fetchMissing(java.util.Collection<String> configPaths, DatasetFetcher fetcher, FetchListener listener) {
        java.util.Set<String> done = new java.util.LinkedHashSet<>();
        List<FetchReport> reports = new java.util.ArrayList<>();
        for (String path : configPaths) {
            if (path == null || Files.exists(root.resolve(path))) {
                continue;
            }
            generatedTask(path).filter(t -> done.add("generated/" + t)).ifPresent(t -> reports.add(generate(t)));
            catalog.owning(path).ifPresent(d -> requireListed(d, path));
            catalog.owning(path).filter(d -> done.add(d.name())).ifPresent(d -> reports.add(fetcher.fetch(d, this, listener)));
        }
        return reports;
    }

    /**
     * A path inside a catalogue data set's folder must name one of its files (or a folder of them): a typo must not
     * start a download of the whole data set that ends in "incomplete" without naming the file.
     */
    private static void requireListed(Dataset d, String path) {
        String relative = path.replace('\\', '/').substring(d.name().length() + 1);
        boolean listed = d.file(relative).isPresent()
                || d.files().stream().anyMatch(f -> f.path().startsWith(relative.endsWith("/") ? relative : relative + "/"));
        if (!listed) {
            List<String> files = d.files().stream().map(DatasetFile::path).toList();
            throw new IllegalArgumentException(path + ": no such file in the catalogue data set '" + d.name() + "'"
                    + dev.rnnkit.config.Suggestions.closest(relative, files).map(c -> "; did you mean '" + d.name() + "/" + c + "'?")
                    .orElse("; its files: " + String.join(", ", files.size() > 8 ? files.subList(0, 8) : files)
                            + (files.size() > 8 ? ", ..." : "")));
        }
    }

    /** The self-made task a relative path {@code generated/<task>/<split file>} names, if any. */
    private static java.util.Optional<SyntheticPairs.Task> generatedTask(String path) {
        String[] parts = path.replace('\\', '/').split("/");
        if (parts.length != 3 || !parts[0].equals("generated") || !SyntheticPairs.SPLIT_FILES.contains(parts[2])) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(SyntheticPairs.Task.of(parts[1]));
        } catch (IllegalArgumentException notATask) {
            return java.util.Optional.empty();
        }
    }

    private FetchReport generate(SyntheticPairs.Task task) {
        String name = task.name().toLowerCase(java.util.Locale.ROOT);
        Path dir = root.resolve("generated").resolve(name);
        List<FetchReport.FileResult> files = SyntheticPairs.write(task, dir, SyntheticPairs.DEFAULT_TRAIN, SyntheticPairs.DEFAULT_VALIDATION,
                SyntheticPairs.DEFAULT_TEST, SyntheticPairs.DEFAULT_SEED).stream()
                .map(f -> new FetchReport.FileResult("generated/" + name + "/" + f.getFileName(), FetchReport.Outcome.GENERATED,
                        "seed " + SyntheticPairs.DEFAULT_SEED))
                .toList();
        return new FetchReport("generated/" + name, dir, files);
    }

    /** How many of a data set's files are in place, judged by existence and size (no hashing). */
    public int presentFiles(Dataset dataset) {
        Path dir = datasetDirectory(dataset);
        int n = 0;
        for (DatasetFile f : dataset.files()) {
            Path p = dir.resolve(f.path());
            try {
                if (Files.isRegularFile(p) && Files.size(p) == f.size()) {
                    n++;
                }
            } catch (java.io.IOException e) {
                // unreadable counts as absent; fetch will report the real problem
            }
        }
        return n;
    }

    /** Thrown by {@link #resolve(String)} for a missing file; {@link #getMessage()} is one line. */
    public static final class DataFileNotFoundException extends IllegalArgumentException {
        private final transient Path path;

        DataFileNotFoundException(String message, Path path) {
            super(message);
            this.path = path;
        }

        /** The absolute path that was looked for. */
        public Path path() {
            return path;
        }
    }
}
