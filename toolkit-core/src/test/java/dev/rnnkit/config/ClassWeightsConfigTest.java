package dev.rnnkit.config;

import static dev.rnnkit.config.ConfigValidatorTest.errors;
import static dev.rnnkit.config.ConfigValidatorTest.replace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code output.class_weights}: its three YAML forms and the one-line errors for values that cannot work. */
class ClassWeightsConfigTest {

    /** The validator fixture with {@code class_weights} (and anything else) after {@code num_classes: 2} on line 12. */
    static String withWeights(String lines) {
        return replace("  num_classes: 2", "  num_classes: 2\\n" + lines);
    }

    static ClassWeights parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "test.yaml", List.of()).output().classWeights();
    }

    @Test
    void theThreeFormsBindAndRoundTrip() throws ConfigException {
        ClassWeights auto = parse(withWeights("  class_weights: auto"));
        assertTrue(auto.auto());
        assertNull(auto.values());

        ClassWeights list = parse(withWeights("  class_weights: [1, 2.5]"));
        assertEquals(List.of(1.0, 2.5), list.values());
        assertEquals("list", list.form());

        ClassWeights mapping = parse(replace("  type: classification\n  num_classes: 2",
                "  type: tagging\\n  class_weights:\\n    B-PER: 4\\n    O: 0.5"));
        assertEquals(Map.of("B-PER", 4.0, "O", 0.5), mapping.byLabel());
        assertEquals(List.of("B-PER", "O"), List.copyOf(mapping.byLabel().keySet()), "the order written is kept");

        for (String form : List.of("auto", "[1, 2.5]", "{pos: 3, neg: 1}")) {
            RnnkitConfig c = ConfigLoader.parse(withWeights("  class_weights: " + form), "test.yaml", List.of());
            assertEquals(c, ConfigLoader.parse(ConfigLoader.toYaml(c), "resolved.yaml", List.of()), form);
        }
        assertNull(parse(ConfigValidatorTest.VALID), "no weights unless asked for");
        assertEquals(List.of(3.0, 1.0), ConfigLoader.parse(ConfigValidatorTest.VALID, "test.yaml",
                List.of("output.class_weights=[3, 1]")).output().classWeights().values());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        negative weight        | '  class_weights: [1, -2]'          | test.yaml:13: output.class_weights[1]: must be a finite number > 0 (a class weight), got -2.0
        zero in a mapping      | '  class_weights: {pos: 0, neg: 1}'  | test.yaml:13: output.class_weights.pos: must be a finite number > 0 (a class weight), got 0.0
        infinite weight        | '  class_weights: [1e999, 1]'       | test.yaml:13: output.class_weights[0]: must be a finite number > 0 (a class weight), got Infinity
        wrong length           | '  class_weights: [1, 2, 3]'        | test.yaml:13: output.class_weights: has 3 weights but output.num_classes is 2; give one weight per class, in label order
        empty list             | '  class_weights: []'               | test.yaml:13: output.class_weights: is an empty list; give one weight per class, in label order, or 'auto'
        another word           | '  class_weights: balanced'         | test.yaml:13: output.class_weights: expected 'auto', a list of numbers (one per class, in label order) or a mapping label: number, got 'balanced'
        text in a list         | '  class_weights: [1, heavy]'       | test.yaml:13: output.class_weights: expected 'auto', a list of numbers (one per class, in label order) or a mapping label: number; entry 1 is 'heavy', not a number
        """)
    void badWeightsGiveOneLineMessage(String name, String lines, String expected) {
        assertEquals(expected, errors(withWeights(lines), List.of()));
    }

    @Test
    void onlyClassificationAndTaggingHeadsTakeWeights() {
        String forecast = ConfigValidatorTest.VALID.replace("  type: embedding\n  vocab_size: 100", "  type: dense\n  feature_size: 3")
                .replace("  type: classification\n  num_classes: 2", "  type: forecast\n  output_size: 1\n  class_weights: auto");
        assertEquals("test.yaml:13: output.class_weights: applies to output.type classification and tagging only; "
                + "output.type forecast predicts real values", errors(forecast, List.of()));
        String generation = replace("  type: classification\n  num_classes: 2", "  type: generation\\n  class_weights: auto");
        assertEquals("test.yaml:12: output.class_weights: applies to output.type classification and tagging only; "
                + "output.type generation predicts vocabulary tokens, not labels", errors(generation, List.of()));
        assertFalse(errors(withWeights("  class_weights: [1, -2]").replace("classification", "regression"), List.of())
                .contains("must be a finite number"), "the head is reported, not the values it cannot use");
    }
}
