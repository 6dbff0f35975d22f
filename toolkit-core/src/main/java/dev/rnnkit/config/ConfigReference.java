package dev.rnnkit.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders the config key reference ({@code docs/config.md}) from the generated JSON Schema, so the
 * documentation cannot drift from the config records.
 */
public final class ConfigReference {

    /** Where the generated reference is kept in the repository. */
    public static final String REPOSITORY_PATH = "docs/config.md";

    private ConfigReference() {
    }

    /** The reference as Markdown: an introduction and one table row per key path. */
    public static String markdown() {
        JsonNode schema;
        try {
            schema = ConfigLoader.jsonMapper().readTree(ConfigSchema.generate());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<String> rows = new ArrayList<>();
        walk(schema, schema, "", rows);
        StringBuilder sb = new StringBuilder();
        sb.append("# rnnkit config reference\n\n")
                .append("Generated from the config records by `./rnnkit schema --markdown`; do not edit by hand.\n")
                .append("Every key is optional unless its description says it is required; defaults are in the descriptions.\n")
                .append("`[]` marks a list of the entries below it. Editors can validate configs with the JSON Schema in\n")
                .append("`docs/rnnkit-config.schema.json` (add `# yaml-language-server: $schema=../docs/rnnkit-config.schema.json`).\n\n")
                .append("| key | type | meaning |\n|---|---|---|\n");
        rows.forEach(r -> sb.append(r).append('\n'));
        return sb.toString();
    }

    private static void walk(JsonNode root, JsonNode node, String path, List<String> rows) {
        JsonNode properties = resolve(root, node).get("properties");
        if (properties == null) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            JsonNode prop = e.getValue();
            JsonNode target = resolve(root, prop);
            // A value of several types (e.g. class_weights) may have items without being a list.
            boolean list = "array".equals(typeOf(root, target)) || (target.has("items") && !target.has("type"));
            String description = prop.has("description") ? prop.get("description").asText()
                    : prop.has("allOf") ? keyDescription(prop.get("allOf"), target) : target.path("description").asText("");
            rows.add("| `" + key + (list ? "[]" : "") + "` | " + typeLabel(root, target) + " | " + description.replace("|", "\\|") + " |");
            JsonNode inner = list ? resolve(root, target.path("items")) : target;
            if (inner.has("properties")) {
                walk(root, inner, key + (list ? "[]" : ""), rows);
            }
        }
    }

    /**
     * The key's own description where a custom type definition (ColumnRef, ClassWeights) and the key's description
     * come as {@code allOf} branches: the last one wins, as it is the key's.
     */
    private static String keyDescription(JsonNode allOf, JsonNode target) {
        String description = target.path("description").asText("");
        for (JsonNode branch : allOf) {
            description = branch.path("description").asText(description);
        }
        return description;
    }

    /** Follows {@code $ref}, picks the non-null branch of a nullable {@code anyOf} and the typed branch of an {@code allOf}. */
    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode n = node;
        for (int guard = 0; guard < 10; guard++) {
            if (n.has("allOf")) {
                JsonNode pick = n.get("allOf").get(0);
                for (JsonNode branch : n.get("allOf")) {
                    if (branch.has("type") || branch.has("$ref")) {
                        pick = branch;
                        break;
                    }
                }
                n = pick;
            } else if (n.has("$ref")) {
                n = root.at(n.get("$ref").asText().substring(1));
            } else if (n.has("anyOf")) {
                JsonNode pick = n.get("anyOf").get(0);
                for (JsonNode option : n.get("anyOf")) {
                    if (!"null".equals(option.path("type").asText())) {
                        pick = option;
                    }
                }
                n = pick;
            } else {
                return n;
            }
        }
        return n;
    }

    private static String typeOf(JsonNode root, JsonNode node) {
        JsonNode t = node.get("type");
        if (t == null) {
            return "";
        }
        if (t.isArray()) {
            List<String> types = new ArrayList<>();
            t.forEach(x -> {
                if (!"null".equals(x.asText())) {
                    types.add(x.asText());
                }
            });
            return String.join(" or ", types);
        }
        return t.asText();
    }

    private static String typeLabel(JsonNode root, JsonNode node) {
        if (node.has("enum")) {
            List<String> values = new ArrayList<>();
            node.get("enum").forEach(v -> values.add(v.asText()));
            return String.join(" \\| ", values);
        }
        if (node.has("const")) {
            return node.get("const").asText(); // a one-value enum
        }
        String type = typeOf(root, node);
        if ("array".equals(type)) {
            JsonNode items = resolve(root, node.path("items"));
            return items.has("properties") ? "list" : "list of " + typeLabel(root, items);
        }
        if (type.contains(" or ")) {
            List<String> labels = new ArrayList<>();
            for (String one : type.split(" or ")) {
                labels.add(one.equals("array") ? "list" : label(one));
            }
            return String.join(" or ", labels);
        }
        return label(type);
    }

    private static String label(String type) {
        return switch (type) {
            case "object" -> "mapping";
            case "integer" -> "whole number";
            case "number" -> "number";
            case "boolean" -> "true/false";
            case "string" -> "text";
            default -> type.isEmpty() ? "any" : type;
        };
    }
}
