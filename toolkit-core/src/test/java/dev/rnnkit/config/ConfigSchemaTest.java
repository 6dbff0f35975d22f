package dev.rnnkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The generated JSON Schema is current, accepts the shipped configs and rejects mistakes as an editor would. */
class ConfigSchemaTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static JsonSchema schema() {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(ConfigSchema.generate());
    }

    static Set<ValidationMessage> check(String yaml) throws IOException {
        JsonNode doc = new YAMLMapper().readTree(yaml);
        return schema().validate(doc);
    }

    @Test
    void committedSchemaIsTheGeneratedOne() throws IOException {
        String committed = Files.readString(ROOT.resolve(ConfigSchema.REPOSITORY_PATH));
        assertEquals(ConfigSchema.generate(), committed,
                "docs/rnnkit-config.schema.json is stale: run ./rnnkit schema > docs/rnnkit-config.schema.json");
    }

    @Test
    void committedReferenceIsTheGeneratedOne() throws IOException {
        String committed = Files.readString(ROOT.resolve(ConfigReference.REPOSITORY_PATH));
        assertEquals(ConfigReference.markdown(), committed,
                "docs/config.md is stale: run ./rnnkit schema --markdown > docs/config.md");
        assertTrue(committed.contains("| `encoder[].cell_type` | lstm \\| gru \\| rnn |"), committed);
        assertTrue(committed.contains("| `training.optimizer.schedule.decay_rate` | number |"), committed);
    }

    @Test
    void shippedConfigsConformToTheSchema() throws IOException {
        List<Path> configs;
        try (Stream<Path> files = Files.list(ROOT.resolve("configs"))) {
            configs = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(configs.size() >= 5, "expected the example configs, found " + configs);
        for (Path config : configs) {
            assertEquals(Set.of(), check(Files.readString(config)), config.toString());
        }
    }

    @Test
    void schemaRejectsUnknownKeysAndValues() throws IOException {
        assertFalse(check("encoder: [{cell_type: lstm, state_sise: 8}]").isEmpty());
        assertFalse(check("encoder: [{cell_type: lsmt, state_size: 8}]").isEmpty());
        assertFalse(check("output: {type: classification, reduce_output: median}").isEmpty());
        assertEquals(Set.of(), check("encoder: [{cell_type: gru, state_size: 8}]\noutput: {type: tagging}"));
        // A column is a header name or an index.
        assertEquals(Set.of(), check("data: {train: a.tsv, text: {text_column: sentence, label_column: 1}}"));
        assertFalse(check("data: {train: a.tsv, text: {text_column: [1]}}").isEmpty());
        // Class weights are the word auto, a list of positive numbers or a mapping label: positive number.
        for (String ok : List.of("auto", "[1, 2.5]", "{B-PER: 4, O: 0.5}")) {
            assertEquals(Set.of(), check("output: {type: tagging, class_weights: " + ok + "}"), ok);
        }
        for (String bad : List.of("balanced", "[1, -2]", "{O: heavy}", "3")) {
            assertFalse(check("output: {type: tagging, class_weights: " + bad + "}").isEmpty(), bad);
        }
    }

    @Test
    void schemaIsValidJson() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(ConfigSchema.generate());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
        assertTrue(schema.at("/properties/encoder").isObject());
    }
}
