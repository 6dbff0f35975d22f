package dev.rnnkit.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rnnkit.config.DataFamily;
import dev.rnnkit.data.generation.GenerationState;
import dev.rnnkit.data.seq2seq.Seq2SeqState;
import dev.rnnkit.data.tagging.TaggingState;
import dev.rnnkit.data.text.TextClassificationState;
import dev.rnnkit.data.timeseries.TimeSeriesState;
import dev.rnnkit.model.DataShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * All preprocessing state fitted on the training split, saved as one versioned JSON file.
 *
 * <p>Exactly one family state is set; it encodes raw inputs for prediction exactly as in training and
 * decodes network outputs (label names, tags, forecasts in original units, text).
 *
 * @param formatVersion      {@value #FORMAT_VERSION}; a file with another version is refused
 * @param family             which pipeline wrote it
 * @param textClassification the text classification state, or null
 * @param tagging            the tagging state, or null
 * @param timeSeries         the time-series state, or null
 * @param generation         the generation state, or null
 * @param seq2seq            the sequence-to-sequence state, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Preprocessing(int formatVersion, DataFamily family, TextClassificationState textClassification,
                            TaggingState tagging, TimeSeriesState timeSeries, GenerationState generation,
                            Seq2SeqState seq2seq) {

    /** The artefact format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The conventional file name next to a saved model. */
    public static final String FILE_NAME = "preprocessing.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /** Wraps a text classification state. */
    public static Preprocessing of(TextClassificationState s) {
        return new Preprocessing(FORMAT_VERSION, DataFamily.TEXT_CLASSIFICATION, s, null, null, null, null);
    }

    /** Wraps a tagging state. */
    public static Preprocessing of(TaggingState s) {
        return new Preprocessing(FORMAT_VERSION, DataFamily.TAGGING, null, s, null, null, null);
    }

    /** Wraps a time-series state. */
    public static Preprocessing of(TimeSeriesState s) {
        return new Preprocessing(FORMAT_VERSION, DataFamily.TIME_SERIES, null, null, s, null, null);
    }

    /** Wraps a generation state. */
    public static Preprocessing of(GenerationState s) {
        return new Preprocessing(FORMAT_VERSION, DataFamily.GENERATION, null, null, null, s, null);
    }

    /** Wraps a sequence-to-sequence state. */
    public static Preprocessing of(Seq2SeqState s) {
        return new Preprocessing(FORMAT_VERSION, DataFamily.SEQ2SEQ, null, null, null, null, s);
    }

    /** The token vocabulary of a text or tagging pipeline: what pretrained vectors are aligned with. */
    public java.util.Optional<Vocabulary> wordVocabulary() {
        if (textClassification != null) {
            return java.util.Optional.of(textClassification.vocabulary());
        }
        return tagging != null ? java.util.Optional.of(tagging.vocabulary()) : java.util.Optional.empty();
    }

    /** The sizes the network takes from this data. */
    public DataShape shape() {
        return switch (family) {
            case TEXT_CLASSIFICATION -> textClassification.shape();
            case TAGGING -> tagging.shape();
            case TIME_SERIES -> timeSeries.shape();
            case GENERATION -> generation.shape();
            case SEQ2SEQ -> seq2seq.shape();
        };
    }

    /** The artefact as JSON text. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise preprocessing state", e);
        }
    }

    /** Writes the artefact atomically (temporary file in the same directory, then an atomic move). */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, toJson());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads an artefact written by {@link #save}.
     *
     * @throws DataFormatException when the file is missing, not valid JSON or of another format version
     */
    public static Preprocessing load(Path file) {
        String name = file.toString();
        return fromJson(SourceLines.readBytes(file, name), name);
    }

    /**
     * Reads an artefact from JSON bytes ({@code name} identifies them in errors, e.g. a zip entry).
     *
     * @throws DataFormatException when the bytes are not valid JSON or of another format version
     */
    public static Preprocessing fromJson(byte[] bytes, String name) {
        Preprocessing p;
        try {
            int version = JSON.readTree(bytes).path("format_version").asInt(-1);
            if (version != FORMAT_VERSION) {
                throw new DataFormatException(name, 0, "format_version " + (version < 0 ? "is missing" : version + " is not supported")
                        + "; this version of rnnkit reads format_version " + FORMAT_VERSION);
            }
            p = JSON.readValue(bytes, Preprocessing.class);
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new DataFormatException(name, line, "not a valid preprocessing artefact: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new DataFormatException(name, 0, "cannot read: " + e.getMessage());
        }
        if (p.family() == null || p.shapeState() == null) {
            throw new DataFormatException(name, 0, "not a valid preprocessing artefact: the state of family '" + p.family() + "' is missing");
        }
        return p;
    }

    private Object shapeState() {
        return family == null ? null : switch (family) {
            case TEXT_CLASSIFICATION -> textClassification;
            case TAGGING -> tagging;
            case TIME_SERIES -> timeSeries;
            case GENERATION -> generation;
            case SEQ2SEQ -> seq2seq;
        };
    }
}
