package dev.rnnkit.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.rnnkit.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The sweep schema is current, and the shipped sweep files conform to it and load. */
class SweepSchemaTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static JsonSchema schema() {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SweepSchema.generate());
    }

    @Test
    void committedSchemaIsTheGeneratedOne() throws IOException {
        assertEquals(SweepSchema.generate(), Files.readString(ROOT.resolve(SweepSchema.REPOSITORY_PATH)),
                "docs/rnnkit-sweep.schema.json is stale: run ./rnnkit schema --sweep > docs/rnnkit-sweep.schema.json");
    }

    @Test
    void shippedSweepsConformAndLoad() throws IOException, ConfigException {
        List<Path> sweeps;
        try (Stream<Path> files = Files.list(ROOT.resolve("configs/sweeps"))) {
            sweeps = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(sweeps.isEmpty());
        for (Path s : sweeps) {
            assertEquals(Set.of(), schema().validate(new YAMLMapper().readTree(s.toFile())), s.toString());
            assertTrue(TrialExpander.expand(SweepFile.load(s)).stream().allMatch(t -> t.error() == null), s.toString());
        }
    }

    @Test
    void theSchemaRejectsAnUnknownKeyAndAnUnknownMethod() throws IOException {
        assertFalse(schema().validate(new YAMLMapper().readTree("base: b.yaml\nmetrics: {name: mae}\n")).isEmpty());
        assertFalse(schema().validate(new YAMLMapper().readTree("base: b.yaml\nmethod: bayes\n")).isEmpty());
        assertTrue(schema().validate(new YAMLMapper().readTree(
                "base: b.yaml\nmetric: {name: mae}\nparameters:\n  encoder[0].cell_type: {values: [gru, 3, true]}\n")).isEmpty());
    }
}
