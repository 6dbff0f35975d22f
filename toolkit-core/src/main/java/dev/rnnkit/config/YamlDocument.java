package dev.rnnkit.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One YAML mapping document read for binding to records, with the line of every key kept for error messages.
 *
 * <p>Configs and sweep files share it, so both report every problem the same way: one {@link ConfigError} per
 * problem, naming file, line and key path, and never a parser stack trace.
 */
public final class YamlDocument {

    private final String source;
    private final ObjectNode tree;
    private final YamlLocations locations;

    private YamlDocument(String source, ObjectNode tree, YamlLocations locations) {
        this.source = source;
        this.tree = tree;
        this.locations = locations;
    }

    /** The file's text, which must be UTF-8; a missing or unreadable file is a {@link ConfigException}. */
    public static String readText(Path file) throws ConfigException {
        String source = file.toString();
        byte[] bytes;
        if (Files.isDirectory(file)) {
            throw new ConfigException(new ConfigError(source, 0, "", "is a folder; expected a YAML file"));
        }
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(new ConfigError(source, 0, "", "no such file"));
        } catch (IOException e) {
            throw new ConfigException(new ConfigError(source, 0, "", "cannot read: " + e.getMessage()));
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        if (decoder.decode(in, out, true).isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new ConfigException(new ConfigError(source, line, "", "is not valid UTF-8 text; save the file as UTF-8"));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /**
     * Parses {@code yaml}, which must be a mapping without duplicate keys.
     *
     * @param empty     the message when the document is empty
     * @param notMapping the message when its top level is not a mapping
     */
    public static YamlDocument parse(String yaml, String source, String empty, String notMapping) throws ConfigException {
        Node composed;
        try {
            composed = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            // SnakeYAML's context sometimes says what was expected ("expected a single document in the stream").
            String expected = e.getContext() != null && e.getContext().startsWith("expected") ? firstLine(e.getContext()) + ", " : "";
            throw new ConfigException(new ConfigError(source, line, "", "invalid YAML: " + expected + firstLine(e.getProblem())));
        } catch (YAMLException e) {
            throw new ConfigException(new ConfigError(source, 0, "", "invalid YAML: " + firstLine(e.getMessage())));
        }
        YamlLocations locations = new YamlLocations(composed);
        if (!locations.problems().isEmpty()) {
            List<ConfigError> dup = new ArrayList<>();
            for (int i = 0; i < locations.problems().size(); i++) {
                String[] pathAndMessage = locations.problems().get(i).split(": ", 2);
                dup.add(new ConfigError(source, locations.problemLines().get(i), pathAndMessage[0], pathAndMessage[1]));
            }
            throw new ConfigException(dup);
        }
        JsonNode tree;
        try {
            tree = composed == null ? NullNode.getInstance() : ConfigLoader.mapper().readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() != null ? Math.max(0, e.getLocation().getLineNr()) : 0;
            throw new ConfigException(new ConfigError(source, line, "", "invalid YAML: " + firstLine(e.getOriginalMessage())));
        }
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            throw new ConfigException(new ConfigError(source, 0, "", empty));
        }
        if (!tree.isObject()) {
            throw new ConfigException(new ConfigError(source, 1, "", notMapping));
        }
        return new YamlDocument(source, (ObjectNode) tree, locations);
    }

    /** The file name used in errors. */
    public String source() {
        return source;
    }

    /** The document as a mutable tree (overrides are applied to it before binding). */
    public ObjectNode tree() {
        return tree;
    }

    /** The line a key path is written on (or its nearest written parent's); 0 when unknown. */
    public int lineOf(String path) {
        return locations.lineOf(path);
    }

    /**
     * Binds {@code tree} to {@code type} with rnnkit's strict mapper; a binding problem becomes one located error.
     *
     * @param overridden key paths set from the command line, whose errors name {@code --set} rather than a line
     */
    public <T> T bind(JsonNode tree, Class<T> type, Set<String> overridden) throws ConfigException {
        try {
            return ConfigLoader.mapper().treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new ConfigException(bindingError(e, tree, overridden));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(new ConfigError(source, 0, "", firstLine(e.getMessage())));
        }
    }

    /** An error at {@code path}: its line in the file, or {@code --set} when an override set it. */
    public ConfigError error(String path, String message, Set<String> overridden) {
        for (String o : overridden) {
            if (path.equals(o) || path.startsWith(o + ".") || path.startsWith(o + "[")) {
                return new ConfigError(ConfigLoader.OVERRIDE_SOURCE, 0, path, message);
            }
        }
        return new ConfigError(source, locations.lineOf(path), path, message);
    }

    private ConfigError bindingError(JsonProcessingException e, JsonNode tree, Set<String> overridden) {
        String path = e instanceof JsonMappingException jm ? pathOf(jm.getPath()) : "";
        if (e instanceof UnrecognizedPropertyException u) {
            Collection<String> known = u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            String key = u.getPropertyName();
            return error(path, "unknown key '" + key + "'" + Suggestions.didYouMean(key, known)
                    + "; expected one of " + String.join(", ", known), overridden);
        }
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof IllegalArgumentException cause) {
            // A value type's creator (ColumnRef, ClassWeights) explains what it accepts; Jackson's wrapper adds nothing.
            return error(path, firstLine(cause.getMessage()), overridden);
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            List<String> names = enumNames(f.getTargetType());
            String given = String.valueOf(f.getValue());
            return error(path, "unknown value '" + Shown.of(given) + "'" + Suggestions.didYouMean(given, names)
                    + "; expected one of " + String.join(", ", names), overridden);
        }
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            Class<?> t = mi.getTargetType();
            if (t.isEnum()) {
                return error(path, "expected one of " + String.join(", ", enumNames(t)), overridden);
            }
            return error(path, "expected " + describe(t) + given(tree, mi.getPath()), overridden);
        }
        if (e.getCause() instanceof com.fasterxml.jackson.core.exc.InputCoercionException c && c.getTargetType() != null
                && e instanceof JsonMappingException jm) {
            // Jackson's text ("out of range of int (-2147483648 - 2147483647)") names Java types, not what to write.
            return error(path, "expected " + describe(c.getTargetType()) + " no larger than " + maxOf(c.getTargetType())
                    + given(tree, jm.getPath()), overridden);
        }
        return error(path, firstLine(e.getOriginalMessage()), overridden);
    }

    private static String maxOf(Class<?> t) {
        return t == Long.class || t == long.class ? String.valueOf(Long.MAX_VALUE) : String.valueOf(Integer.MAX_VALUE);
    }

    /** ", got 'x'" for the value written at the failing path, or what kind of value it is. */
    private static String given(JsonNode tree, List<JsonMappingException.Reference> refs) {
        JsonNode node = tree;
        for (JsonMappingException.Reference r : refs) {
            if (node == null) {
                return "";
            }
            node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
        }
        if (node == null || node.isMissingNode()) {
            return "";
        }
        if (node.isArray()) {
            return ", got a list";
        }
        if (node.isObject()) {
            return ", got a mapping";
        }
        return ", got '" + Shown.of(node.asText()) + "'";
    }

    private static String describe(Class<?> t) {
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "a whole number";
        }
        if (t == Double.class || t == double.class || t == Float.class) {
            return "a number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (t == String.class) {
            return "a text value";
        }
        if (List.class.isAssignableFrom(t)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(t)) {
            return "a mapping";
        }
        if (t.isRecord()) {
            return "a mapping";
        }
        return t.getSimpleName();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<String> enumNames(Class<?> type) {
        if (ConfigEnum.class.isAssignableFrom(type)) {
            return ConfigEnum.names((Class) type);
        }
        return java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
    }

    static String pathOf(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
