package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A table column named by its header name or by its 0-based index.
 *
 * <p>Written in YAML as a plain value: {@code text_column: sentence} or {@code text_column: 0}.
 *
 * @param name  the header name, or null when given by index
 * @param index the 0-based index, or null when given by name
 */
public record ColumnRef(String name, Integer index) {

    /** Binds a YAML scalar: a whole number is an index, text is a header name. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ColumnRef of(Object value) {
        if (value instanceof Integer i) {
            return new ColumnRef(null, i);
        }
        if (value instanceof String s) {
            return new ColumnRef(s, null);
        }
        throw new IllegalArgumentException("expected a column name or a 0-based column index, got " + value);
    }

    /** The column at a 0-based index. */
    public static ColumnRef index(int index) {
        return new ColumnRef(null, index);
    }

    /** The YAML form: the name or the index. */
    @JsonValue
    public Object value() {
        return name != null ? name : index;
    }

    @Override
    public String toString() {
        return name != null ? "'" + name + "'" : "#" + index;
    }
}
