package dev.rnnkit.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.config.RnnkitConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trial of a sweep: the base config with its values applied.
 *
 * @param index  its position in the sweep (0-based)
 * @param id     a stable name derived from its resolved config: the same values give the same id on every expansion
 * @param values the varied keys and this trial's value of each
 * @param config the resolved config, or null when the values do not make a valid config
 * @param error  why the values do not make a valid config (one line naming the sweep file, line and key), or null
 */
public record Trial(int index, String id, Map<String, JsonNode> values, RnnkitConfig config, String error) {

    public Trial {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Each value as written in YAML (strings bare), for tables. */
    public Map<String, String> valueTexts() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, text(v)));
        return out;
    }

    /** A value as a table shows it: strings without quotes, the rest as JSON. */
    public static String text(JsonNode v) {
        return v == null || v.isNull() ? "null" : v.isTextual() ? v.asText() : v.toString();
    }

    /** {@code key=value, ...}: the trial's values on one line. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        valueTexts().forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }
}
