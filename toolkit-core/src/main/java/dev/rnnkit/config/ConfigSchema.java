package dev.rnnkit.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * Generates the JSON Schema of rnnkit configs from the config records, so editors can validate and
 * complete YAML files; {@code docs/rnnkit-config.schema.json} is this output.
 */
public final class ConfigSchema {

    /** Where the generated schema is kept in the repository. */
    public static final String REPOSITORY_PATH = "docs/rnnkit-config.schema.json";

    private ConfigSchema() {
    }

    /** The schema as pretty-printed JSON text, ending with a newline. */
    public static String generate() {
        return generate(RnnkitConfig.class, "rnnkit config",
                "A recurrent network, its training and its data, for rnnkit (generated from the config records; do not edit)");
    }

    /**
     * The schema of any YAML file rnnkit binds to records (configs, sweep files), generated the same way: snake_case
     * keys, no unknown keys, every key optional in the schema (required ones are checked with a located message).
     */
    public static String generate(Class<?> root, String title, String description) {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY))
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
                .with(Option.NULLABLE_FIELDS_BY_DEFAULT);
        PropertyNamingStrategies.NamingBase snake = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
        builder.forFields().withPropertyNameOverrideResolver(field -> snake.translate(field.getName()));
        // A column is written as a header name or a 0-based index (see ColumnRef), not as an object.
        builder.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            ObjectNode node = context.getGeneratorConfig().createObjectNode();
            if (type.getErasedType() == ColumnRef.class) {
                node.putArray("type").add("string").add("integer");
                node.put("description", "a column header name, or a 0-based column index");
            } else if (type.getErasedType() == ClassWeights.class) {
                // Each keyword applies to its own type only: the word auto, a list of numbers, or label: number.
                node.putArray("type").add("string").add("array").add("object");
                node.put("pattern", "^" + ClassWeights.AUTO + "$");
                node.putObject("items").put("type", "number").put("exclusiveMinimum", 0);
                node.putObject("additionalProperties").put("type", "number").put("exclusiveMinimum", 0);
                node.put("description", "auto, a list of numbers (one per class, in label order), or a mapping label: number");
            } else if (com.fasterxml.jackson.databind.JsonNode.class.isAssignableFrom(type.getErasedType())) {
                // A config value of any type (a sweep's parameter value): whatever the config key accepts.
                node.put("description", "any YAML value the config key accepts");
            } else {
                return null;
            }
            return new CustomDefinition(node, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO);
        });
        ObjectNode schema = new SchemaGenerator(builder.build()).generateSchema(root);
        schema.put("title", title);
        schema.put("description", description);
        try {
            return ConfigLoader.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write schema", e);
        }
    }
}
