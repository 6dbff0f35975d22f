package dev.rnnkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation and defaults of the keys that need more than a plain stack: char_encoder, crf, reduce_output attention. */
class GraphConfigTest {

    private static final String TAGGER = ConfigValidatorTest.VALID.replace("  type: classification", "  type: tagging");

    private static RnnkitConfig parse(String yaml, String... overrides) throws ConfigException {
        return ConfigLoader.parse(yaml, "test.yaml", List.of(overrides));
    }

    private static void assertError(String yaml, String expected, String... overrides) {
        String errors = ConfigValidatorTest.errors(yaml, List.of(overrides));
        assertTrue(errors.contains(expected), errors);
    }

    @Test
    void charEncoderDefaultsAreTheMeasuredOnes() throws ConfigException {
        CharEncoderConfig c = parse(TAGGER, "input.char_encoder={}").input().charEncoder();
        assertEquals(CharEncoderConfig.Type.CNN, c.type());
        assertEquals(25, c.embeddingSize());
        assertEquals(50, c.outputSize());
        assertEquals(20, c.maxWordLength());
        assertEquals(3, c.kernelWidth());
        assertNull(c.alphabetSize());
        assertTrue(parse(TAGGER, "input.char_encoder={type: bilstm}").input().readsCharacters());
    }

    @Test
    void charEncoderSizesAreChecked() {
        assertError(TAGGER, "input.char_encoder.output_size: must be even for bilstm (half per direction), got 25",
                "input.char_encoder={type: bilstm, output_size: 25}");
        assertError(TAGGER, "input.char_encoder.kernel_width: must be odd", "input.char_encoder={kernel_width: 4}");
        assertError(TAGGER, "input.char_encoder.max_word_length", "input.char_encoder={max_word_length: 0}");
        assertError(TAGGER, "input.char_encoder.alphabet_size", "input.char_encoder={alphabet_size: 2}");
    }

    @Test
    void charEncoderNeedsWordsFromEmbeddingInput() {
        String generator = ConfigValidatorTest.VALID.replace("  type: classification", "  type: generation").replace("  num_classes: 2\n", "");
        assertError(generator, "input.char_encoder: needs text classification or tagging data", "input.char_encoder={}");
        assertError(TAGGER + "data: {train: t.txt, tokenizer: {level: char}}\n",
                "input.char_encoder: needs word-level tokens (data.tokenizer.level: word)", "input.char_encoder={}");
        String dense = TAGGER.replace("  type: embedding\n  vocab_size: 100", "  type: dense\n  feature_size: 3");
        assertError(dense, "input.char_encoder: applies to embedding input only", "input.char_encoder={}");
    }

    @Test
    void crfIsATaggingHeadWithoutDenseLayers() throws ConfigException {
        assertTrue(parse(TAGGER, "output.crf=true").output().crf());
        assertError(ConfigValidatorTest.VALID, "output.crf: applies to output.type tagging only", "output.crf=true");
        assertError(TAGGER, "output.crf: takes the recurrent outputs directly; remove fc_layers",
                "output.crf=true", "fc_layers=[{output_size: 4}]");
    }

    @Test
    void attentionPoolingHasASizeOnlyWhenChosen() throws ConfigException {
        OutputConfig out = parse(ConfigValidatorTest.VALID, "output.reduce_output=attention").output();
        assertEquals(ReduceOutput.ATTENTION, out.reduceOutput());
        assertEquals(64, out.attentionSize());
        assertEquals(16, parse(ConfigValidatorTest.VALID, "output.reduce_output=attention", "output.attention_size=16").output().attentionSize());
        assertError(ConfigValidatorTest.VALID, "output.attention_size: applies to reduce_output: attention only", "output.attention_size=16");
        assertError(TAGGER, "output.reduce_output: does not apply", "output.reduce_output=attention");
    }
}
