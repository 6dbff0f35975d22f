package dev.rnnkit.eval;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Reads and writes result records as snake_case JSON.
 *
 * <p>Undefined metrics (a MAPE with only zero actuals, a MASE with a flat training series) are
 * {@code null}, never {@code NaN}, so the files stay plain JSON.
 */
public final class EvalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EvalJson() {
    }

    /** The mapper used for result records. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The record as indented JSON text. */
    public static String toJson(Object result) {
        try {
            return MAPPER.writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + result.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Writes the record to {@code file} atomically. */
    public static void write(Object result, Path file) {
        String json = toJson(result);
        AtomicFiles.writeString(file, json + System.lineSeparator());
    }

    /**
     * Reads a record written by {@link #write}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException(file + ": not a " + type.getSimpleName() + " JSON file: " + why, e);
        }
    }
}
