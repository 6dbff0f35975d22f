package dev.rnnkit.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rnnkit.config.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The data sets rnnkit knows how to fetch, read from a JSON catalogue.
 *
 * <p>The bundled catalogue ({@value #RESOURCE}) lists the data sets of the examples; tests and users can
 * read their own with {@link #read(Path)}. Format: {@code {"datasets": [{name, description, licence,
 * homepages, files: [{path, size, sha256, sources: [{url | urls, convert}]}]}]}}.
 */
public final class DatasetCatalog {

    /** Class-path location of the bundled catalogue. */
    public static final String RESOURCE = "/dev/rnnkit/catalog/datasets.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The catalogue file's top level. */
    private record Document(List<Dataset> datasets) {
    }

    private final List<Dataset> datasets;

    /** A catalogue of the given data sets; names must be unique. */
    public DatasetCatalog(List<Dataset> datasets) {
        Set<String> names = new HashSet<>();
        for (Dataset d : datasets) {
            if (!names.add(d.name())) {
                throw new IllegalArgumentException("dataset listed twice: " + d.name());
            }
        }
        this.datasets = List.copyOf(datasets);
    }

    /** The catalogue shipped with rnnkit. */
    public static DatasetCatalog bundled() {
        return Bundled.CATALOG;
    }

    /** Lazy holder so a broken resource fails on first use with the catalogue's own message. */
    private static final class Bundled {
        static final DatasetCatalog CATALOG = load();

        private static DatasetCatalog load() {
            try (InputStream in = DatasetCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new CatalogException(RESOURCE + ": not on the class path");
                }
                return read(in, RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Reads a catalogue file. */
    public static DatasetCatalog read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    private static DatasetCatalog read(InputStream in, String source) throws IOException {
        try {
            Document doc = MAPPER.readValue(in, Document.class);
            if (doc == null || doc.datasets() == null) {
                throw new CatalogException(source + ": expected an object with a 'datasets' list");
            }
            return new DatasetCatalog(doc.datasets());
        } catch (JsonMappingException e) {
            throw new CatalogException(source + where(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CatalogException(source + where(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new CatalogException(source + ": " + e.getMessage());
        }
    }

    private static String where(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? "" : ":" + loc.getLineNr();
    }

    /** All data sets, in catalogue order. */
    public List<Dataset> datasets() {
        return datasets;
    }

    /** The data set names, in catalogue order. */
    public List<String> names() {
        return datasets.stream().map(Dataset::name).toList();
    }

    /** The data set called {@code name}, if any. */
    public Optional<Dataset> find(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The data set called {@code name}; otherwise an error that suggests the closest name. */
    public Dataset require(String name) {
        return find(name).orElseThrow(() -> new UnknownDatasetException(name, names()));
    }

    /**
     * The data set whose directory a config path points into, e.g. {@code sst2} for {@code sst2/train.tsv}.
     * The file itself need not be listed.
     */
    public Optional<Dataset> owning(String pathFromConfig) {
        String normalised = pathFromConfig.replace('\\', '/');
        int slash = normalised.indexOf('/');
        return slash <= 0 ? Optional.empty() : find(normalised.substring(0, slash));
    }

    /** Thrown for an unknown data set name; the message says which names exist. */
    public static final class UnknownDatasetException extends IllegalArgumentException {
        private static java.util.Optional<String> onlyOneStartingWith(String name, List<String> known) {
            List<String> matches = known.stream().filter(k -> !name.isEmpty() && k.startsWith(name)).toList();
            return matches.size() == 1 ? java.util.Optional.of(matches.get(0)) : java.util.Optional.empty();
        }

        UnknownDatasetException(String name, List<String> known) {
            super("unknown dataset '" + name + "'" + Suggestions.closest(name, known)
                    // "conll" is too far from "conll2003" by edits, but only one name begins with it.
                    .or(() -> onlyOneStartingWith(name, known))
                    .map(c -> "; did you mean '" + c + "'?")
                    .orElse("; known datasets: " + String.join(", ", known)));
        }
    }

    /** Thrown when a catalogue file cannot be read; the message names the file, line and problem. */
    public static final class CatalogException extends IllegalArgumentException {
        CatalogException(String message) {
            super(message);
        }
    }
}
