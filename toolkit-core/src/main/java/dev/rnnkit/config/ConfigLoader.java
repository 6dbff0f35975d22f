package dev.rnnkit.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        return parse(YamlDocument.readText(file), file.toString(), overrides);
    }

    /** Parses config text; {@code source} names it in errors. */
    public static RnnkitConfig parse(String yaml, String source, List<String> overrides) throws ConfigException {
        YamlDocument document = YamlDocument.parse(yaml, source,
                "the config is empty; expected a mapping with at least 'encoder' and 'output'",
                "expected a mapping of keys (input, encoder, output, ...) at the top level");
        ObjectNode tree = document.tree();
        Set<String> overridden = new HashSet<>();
        for (String o : overrides) {
            overridden.add(applyOverride(tree, o));
        }
        RnnkitConfig config = document.bind(tree, RnnkitConfig.class, overridden);
        List<ConfigError> errors = new ArrayList<>();
        for (ConfigValidator.Problem p : ConfigValidator.validate(config)) {
            errors.add(document.error(p.path(), p.message(), overridden));
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

    // ---- overrides ----

    /** Applies one {@code a.b[0].c=value} override; returns its path. */
    static String applyOverride(ObjectNode root, String override) throws ConfigException {
        Matcher m = OVERRIDE.matcher(override);
        if (!m.matches()) {
            throw new ConfigException(new ConfigError(OVERRIDE_SOURCE, 0, "",
                    "'" + Shown.of(override) + "' is not of the form key.path=value (e.g. training.epochs=5 or encoder[0].state_size=64)"));
        }
        String path = m.group(1);
        JsonNode value;
        try {
            value = m.group(2).isBlank() ? NullNode.getInstance() : MAPPER.readTree(m.group(2));
        } catch (JsonProcessingException e) {
            throw new ConfigException(new ConfigError(OVERRIDE_SOURCE, 0, path, "cannot parse value '" + Shown.of(m.group(2)) + "' as YAML"));
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

    static JsonNodeFactory nodes() {
        return MAPPER.getNodeFactory();
    }
}
