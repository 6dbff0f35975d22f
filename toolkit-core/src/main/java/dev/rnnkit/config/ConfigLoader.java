package dev.rnnkit.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a YAML config into a validated {@link RnnkitConfig}.
 *
 * <p>Every problem becomes a {@link ConfigError} naming the file, line and YAML path; the loader never
 * lets a parser stack trace through. Overrides ({@code key.path=value}, as from {@code --set}) are
 * applied to the document before binding, so they are validated exactly like the file.
 */
public final class ConfigLoader {

    static {
        // Loading a config is the first step of every run: choose the fastest ND4J native build before ND4J loads.
        dev.rnnkit.platform.NativeBuild.selectDefault();
    }

    /** The source name used for errors in command-line overrides. */
    public static final String OVERRIDE_SOURCE = "--set";

    private static final Pattern OVERRIDE = Pattern.compile("([a-z_][a-z0-9_]*(?:\\[\\d+])*(?:\\.[a-z_][a-z0-9_]*(?:\\[\\d+])*)*)=(.*)", Pattern.DOTALL);
    private static final Pattern SEGMENT = Pattern.compile("([a-z_][a-z0-9_]*)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private static final ObjectMapper MAPPER = newMapper();

    private ConfigLoader() {
    }

    /** The mapper that binds config documents: snake_case keys, strict about unknown keys and types. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper newMapper() {
        YAMLMapper m = YAMLMapper.builder(YAMLFactory.builder()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                        .build())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                .build();
        // "12" is not a number and 1 is not a boolean: say so instead of guessing.
        for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return m;
    }

    /** A plain JSON mapper (for the schema and other JSON the config package writes). */
    static ObjectMapper jsonMapper() {
        return new ObjectMapper();
    }

    /** Loads and validates a config file. */
    public static RnnkitConfig load(Path file) throws ConfigException {
        return load(file, List.of());
    }

    /** Loads a config file, applies {@code key.path=value} overrides, and validates the result. */
    public static RnnkitConfig load(Path file, List<String> overrides) throws ConfigException {
        String source = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(new ConfigError(source, 0, "", "no such file"));
        } catch (IOException e) {
            throw new ConfigException(new ConfigError(source, 0, "", "cannot read: " + e.getMessage()));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(new ConfigError(source, 0, "", "is not valid UTF-8 text"));
        }
        return parse(text, source, overrides);
    }

    /** Parses config text; {@code source} names it in errors. */
    public static RnnkitConfig parse(String yaml, String source, List<String> overrides) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        Node composed;
        try {
            composed = new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new ConfigException(new ConfigError(source, line, "", "invalid YAML: " + firstLine(e.getProblem())));
        } catch (YAMLException e) {
            throw new ConfigException(new ConfigError(source, 0, "", "invalid YAML: " + firstLine(e.getMessage())));
        }
        YamlLocations locations = new YamlLocations(composed);
        if (!locations.duplicates().isEmpty()) {
            List<ConfigError> dup = new ArrayList<>();
            for (int i = 0; i < locations.duplicates().size(); i++) {
                String[] pathAndMessage = locations.duplicates().get(i).split(": ", 2);
                dup.add(new ConfigError(source, locations.duplicateLines().get(i), pathAndMessage[0], pathAndMessage[1]));
            }
            throw new ConfigException(dup);
        }
        JsonNode tree;
        try {
            tree = composed == null ? NullNode.getInstance() : MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(new ConfigError(source, lineOf(e), "", "invalid YAML: " + firstLine(e.getOriginalMessage())));
        }
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            throw new ConfigException(new ConfigError(source, 0, "", "the config is empty; expected a mapping with at least 'encoder' and 'output'"));
        }
        if (!tree.isObject()) {
            throw new ConfigException(new ConfigError(source, 1, "", "expected a mapping of keys (input, encoder, output, ...) at the top level"));
        }
        Set<String> overridden = new HashSet<>();
        for (String o : overrides) {
            overridden.add(applyOverride((ObjectNode) tree, o));
        }
        Locator locator = new Locator(source, locations, overridden);
        RnnkitConfig config;
        try {
            config = MAPPER.treeToValue(tree, RnnkitConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(bindingError(e, locator, tree));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(new ConfigError(source, 0, "", firstLine(e.getMessage())));
        }
        List<ConfigError> errors = new ArrayList<>();
        for (ConfigValidator.Problem p : ConfigValidator.validate(config)) {
            errors.add(locator.error(p.path(), p.message()));
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(ConfigError::line));
            throw new ConfigException(errors);
        }
        return config;
    }

    /** Writes a config back as YAML (the fully resolved form, with defaults). */
    public static String toYaml(RnnkitConfig config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise config", e);
        }
    }

    /** Places errors: lines from the file, or {@code --set} for overridden paths. */
    private record Locator(String source, YamlLocations locations, Set<String> overridden) {
        ConfigError error(String path, String message) {
            for (String o : overridden) {
                if (path.equals(o) || path.startsWith(o + ".") || path.startsWith(o + "[")) {
                    return new ConfigError(OVERRIDE_SOURCE, 0, path, message);
                }
            }
            return new ConfigError(source, locations.lineOf(path), path, message);
        }
    }

    // ---- overrides ----

    /** Applies one {@code a.b[0].c=value} override; returns its path. */
    static String applyOverride(ObjectNode root, String override) throws ConfigException {
        Matcher m = OVERRIDE.matcher(override);
        if (!m.matches()) {
            throw new ConfigException(new ConfigError(OVERRIDE_SOURCE, 0, "",
                    "'" + override + "' is not of the form key.path=value (e.g. training.epochs=5 or encoder[0].state_size=64)"));
        }
        String path = m.group(1);
        JsonNode value;
        try {
            value = m.group(2).isBlank() ? NullNode.getInstance() : MAPPER.readTree(m.group(2));
        } catch (JsonProcessingException e) {
            throw new ConfigException(new ConfigError(OVERRIDE_SOURCE, 0, path, "cannot parse value '" + m.group(2) + "' as YAML"));
        }
        String[] segments = path.split("\\.");
        JsonNode node = root;
        for (int s = 0; s < segments.length; s++) {
            Matcher seg = SEGMENT.matcher(segments[s]);
            seg.matches();
            String key = seg.group(1);
            List<Integer> indices = new ArrayList<>();
            Matcher ix = INDEX.matcher(seg.group(2));
            while (ix.find()) {
                indices.add(Integer.parseInt(ix.group(1)));
            }
            boolean lastSegment = s == segments.length - 1;
            ObjectNode obj = (ObjectNode) node;
            if (indices.isEmpty()) {
                if (lastSegment) {
                    obj.set(key, value);
                    return path;
                }
                JsonNode child = obj.get(key);
                if (child == null || child.isNull()) {
                    child = obj.putObject(key);
                } else if (!child.isObject()) {
                    throw notA(path, key, "mapping");
                }
                node = child;
            } else {
                JsonNode child = obj.get(key);
                if (child == null || !child.isArray()) {
                    throw notA(path, key, "list");
                }
                ArrayNode arr = (ArrayNode) child;
                for (int k = 0; k < indices.size(); k++) {
                    int i = indices.get(k);
                    if (i >= arr.size()) {
                        throw new ConfigException(new ConfigError(OVERRIDE_SOURCE, 0, path,
                                "index " + i + " is out of range: '" + key + "' has " + arr.size() + " entries"));
                    }
                    boolean lastIndex = k == indices.size() - 1;
                    if (lastSegment && lastIndex) {
                        arr.set(i, value);
                        return path;
                    }
                    JsonNode item = arr.get(i);
                    if (lastIndex) {
                        if (!item.isObject()) {
                            throw notA(path, key + "[" + i + "]", "mapping");
                        }
                        node = item;
                    } else {
                        if (!item.isArray()) {
                            throw notA(path, key + "[" + i + "]", "list");
                        }
                        arr = (ArrayNode) item;
                    }
                }
            }
        }
        return path;
    }

    private static ConfigException notA(String path, String key, String what) {
        return new ConfigException(new ConfigError(OVERRIDE_SOURCE, 0, path, "'" + key + "' is not a " + what + " in the config"));
    }

    // ---- binding errors ----

    private static ConfigError bindingError(JsonProcessingException e, Locator locator, JsonNode tree) {
        String path = e instanceof JsonMappingException jm ? pathOf(jm.getPath()) : "";
        if (e instanceof UnrecognizedPropertyException u) {
            Collection<String> known = u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            String key = u.getPropertyName();
            return locator.error(path, "unknown key '" + key + "'" + Suggestions.didYouMean(key, known)
                    + "; expected one of " + String.join(", ", known));
        }
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof IllegalArgumentException cause) {
            // A value type's creator (ColumnRef, ClassWeights) explains what it accepts; Jackson's wrapper adds nothing.
            return locator.error(path, firstLine(cause.getMessage()));
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            List<String> names = enumNames(f.getTargetType());
            String given = String.valueOf(f.getValue());
            return locator.error(path, "unknown value '" + given + "'" + Suggestions.didYouMean(given, names)
                    + "; expected one of " + String.join(", ", names));
        }
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            Class<?> t = mi.getTargetType();
            if (t.isEnum()) {
                return locator.error(path, "expected one of " + String.join(", ", enumNames(t)));
            }
            return locator.error(path, "expected " + describe(t) + given(tree, mi.getPath()));
        }
        return locator.error(path, firstLine(e.getOriginalMessage()));
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
        return ", got '" + node.asText() + "'";
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

    private static int lineOf(JsonProcessingException e) {
        return e.getLocation() != null ? Math.max(0, e.getLocation().getLineNr()) : 0;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    static JsonNodeFactory nodes() {
        return MAPPER.getNodeFactory();
    }
}
