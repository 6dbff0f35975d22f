package dev.rnnkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Broken configs, each with the exact one-line message a user sees (file:line: yaml.path: problem).
 */
class ConfigValidatorTest {

    /** A valid config; cases replace one line of it. Line numbers below refer to this text. */
    static final String VALID = String.join("\n",
            "name: demo",                                   // 1
            "input:",                                       // 2
            "  type: embedding",                            // 3
            "  vocab_size: 100",                            // 4
            "encoder:",                                     // 5
            "  - cell_type: lstm",                          // 6
            "    state_size: 32",                           // 7
            "    bidirectional: false",                     // 8
            "    dropout: 0.1",                             // 9
            "output:",                                      // 10
            "  type: classification",                       // 11
            "  num_classes: 2",                             // 12
            "training:",                                    // 13
            "  epochs: 2",                                  // 14
            "  optimizer: {type: adam, learning_rate: 0.01}", // 15
            "");

    static String errors(String yaml, List<String> overrides) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "test.yaml", overrides));
        return e.errors().stream().map(ConfigError::toString).collect(Collectors.joining(" | "));
    }

    static String replace(String from, String to) {
        if (!VALID.contains(from)) {
            throw new IllegalArgumentException("fixture has no '" + from + "'");
        }
        return VALID.replace(from, to.replace("\\n", "\n"));
    }

    @Test
    void theFixtureIsValid() throws ConfigException {
        RnnkitConfig c = ConfigLoader.parse(VALID, "test.yaml", List.of());
        assertEquals(32, c.encoder().get(0).stateSize());
        assertEquals(OutputType.CLASSIFICATION, c.output().type());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        unknown top-level key  | 'encoder:'                 | 'encodr:'                      | test.yaml:5: encodr: unknown key 'encodr' (did you mean 'encoder'?); expected one of data, encoder, fc_layers, input, name, output, seed, training
        unknown nested key     | '    state_size: 32'        | '    state_sise: 32'            | test.yaml:7: encoder[0].state_sise: unknown key 'state_sise' (did you mean 'state_size'?); expected one of activation, bidirectional, cell_type, dropout, forget_gate_bias, merge_mode, num_layers, recurrent_dropout, state_size, weight_init
        misspelt cell type     | '  - cell_type: lstm'       | '  - cell_type: lsmt'           | test.yaml:6: encoder[0].cell_type: unknown value 'lsmt' (did you mean 'lstm'?); expected one of lstm, gru, rnn
        text for a number      | '    state_size: 32'        | '    state_size: big'           | test.yaml:7: encoder[0].state_size: expected a whole number, got 'big'
        fraction for a count   | '    state_size: 32'        | '    state_size: 12.5'          | test.yaml:7: encoder[0].state_size: expected a whole number, got '12.5'
        count beyond int range | '    state_size: 32'        | '    state_size: 99999999999'   | test.yaml:7: encoder[0].state_size: expected a whole number no larger than 2147483647, got '99999999999'
        yes for a boolean      | '    bidirectional: false'  | '    bidirectional: maybe'      | test.yaml:8: encoder[0].bidirectional: expected true or false, got 'maybe'
        missing state size     | '    state_size: 32'        | '    num_layers: 2'             | test.yaml:6: encoder[0].state_size: is required (the hidden state size, e.g. 128)
        dropout out of range   | '    dropout: 0.1'          | '    dropout: 1.0'              | test.yaml:9: encoder[0].dropout: must be in [0, 1) (the probability of dropping a unit), got 1.0
        recurrent dropout of 1 | '    dropout: 0.1'          | '    dropout: 0.1\\n    recurrent_dropout: 1.0' | test.yaml:10: encoder[0].recurrent_dropout: must be in [0, 1) (the probability of dropping a unit), got 1.0
        forget bias on a GRU   | '  - cell_type: lstm'       | '  - cell_type: gru\\n    forget_gate_bias: 1.0' | test.yaml:7: encoder[0].forget_gate_bias: applies to lstm only; a gru cell has no forget gate
        generator reads future | '  type: classification'    | '  type: generation'            | test.yaml:12: output.num_classes: is 2 but input.vocab_size is 100; a generator predicts the next input token, so they must match (omit num_classes)
        reduce on tagging      | '  type: classification'    | '  type: tagging\\n  reduce_output: mean' | test.yaml:12: output.reduce_output: does not apply: output.type tagging predicts at every step, so the outputs are not reduced over time
        horizon on classifier  | '  num_classes: 2'          | '  num_classes: 2\\n  horizon: 3' | test.yaml:13: output.horizon: applies to output.type forecast only
        classes on regression  | '  type: classification'    | '  type: regression'            | test.yaml:12: output.num_classes: applies to categorical heads; output.type regression predicts real values (use output_size)
        zero learning rate     | 'learning_rate: 0.01'       | 'learning_rate: 0'              | test.yaml:15: training.optimizer.learning_rate: must be in (0, 10], got 0.0
        step schedule half set | 'learning_rate: 0.01}'      | 'learning_rate: 0.01, schedule: {type: step, decay_rate: 0.5}}' | test.yaml:15: training.optimizer.schedule.decay_steps: is required for a step schedule
        tbptt on many-to-one   | '  epochs: 2'               | '  epochs: 2\\n  tbptt_length: 20' | test.yaml:15: training.tbptt_length: truncated BPTT needs labels at every step, which output.type classification does not have; use 0
        zero max batch tokens  | '  epochs: 2'               | '  epochs: 2\\n  max_batch_tokens: 0' | test.yaml:15: training.max_batch_tokens: must be > 0 (padded tokens per minibatch), got 0
        embedding size on dense| '  type: embedding'         | '  type: dense'                 | test.yaml:4: input.vocab_size: applies to embedding and one_hot input only
        unknown optimizer      | '{type: adam'               | '{type: adamm'                  | test.yaml:15: training.optimizer.type: unknown value 'adamm' (did you mean 'adam'?); expected one of adam, sgd, rmsprop, adagrad, adadelta, nadam, adamax
        list where map expected| '  epochs: 2'               | '  epochs: [2]'                 | test.yaml:14: training.epochs: expected a whole number, got a list
        duplicate key          | '  num_classes: 2'          | '  num_classes: 2\\n  num_classes: 3' | test.yaml:13: output.num_classes: duplicate key 'num_classes' (first given on line 12)
        features on one_hot   | '  type: embedding'         | '  type: one_hot\\n  word_features: [casing]' | test.yaml:4: input.word_features: applies to embedding input only; the features are fed beside each word's embedding, and input.type one_hot has none
        feature listed twice   | '  vocab_size: 100'         | '  vocab_size: 100\\n  word_features: [casing, casing]' | test.yaml:5: input.word_features: lists 'casing' twice; give each feature once
        unknown word feature   | '  vocab_size: 100'         | '  vocab_size: 100\\n  word_features: [casng]' | test.yaml:5: input.word_features[0]: unknown value 'casng' (did you mean 'casing'?); expected one of casing
        word dropout of one    | '  vocab_size: 100'         | '  vocab_size: 100\\n  word_dropout: 1.0' | test.yaml:5: input.word_dropout: must be in [0, 1) (the probability of dropping a unit), got 1.0
        word dropout, one_hot  | '  type: embedding'         | '  type: one_hot\\n  word_dropout: 0.1' | test.yaml:4: input.word_dropout: applies to embedding input only; it replaces token ids with the unknown id
        bad indentation        | '    dropout: 0.1'          | '   dropout: 0.1'               | test.yaml:9: invalid YAML: expected <block end>, but found '<block mapping start>'
        """)
    void brokenConfigGivesOneLineMessage(String name, String from, String to, String expected) {
        assertEquals(expected, errors(replace(from, to), List.of()));
    }

    @Test
    void generatorWithBidirectionalLayerIsExplained() {
        String yaml = replace("  type: classification", "  type: generation").replace("  num_classes: 2\n", "")
                .replace("bidirectional: false", "bidirectional: true");
        assertEquals("test.yaml:8: encoder[0].bidirectional: must be false for output.type generation: a generator predicts the next step, "
                + "and a backward layer would read the very steps it must predict", errors(yaml, List.of()));
    }

    @Test
    void seq2seqNeedsLengthAndDecoder() {
        String yaml = replace("  type: classification", "  type: seq2seq");
        assertEquals("test.yaml:10: output.output_length: is required for seq2seq: the length of the decoded sequence"
                + " | test.yaml:10: output.decoder: seq2seq needs at least one decoder layer, e.g. '- {cell_type: lstm, state_size: 128}'",
                errors(yaml, List.of()));
    }

    /** The attention decoder's rules, each named at its key. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        two decoder layers     | decoder: [{cell_type: lstm, state_size: 32}, {cell_type: lstm, state_size: 32}] | attention: {score: general} | output.decoder: an attention decoder is one LSTM layer, e.g. '- {cell_type: lstm, state_size: 256}'; got 2 layers
        a gru decoder          | decoder: [{cell_type: gru, state_size: 32}]  | attention: {score: general}             | output.decoder[0].cell_type: must be lstm for an attention decoder, got gru
        dot with unequal sizes | decoder: [{cell_type: lstm, state_size: 16}] | attention: {score: dot}                 | output.attention.score: dot needs the decoder's state_size (16) equal to the encoder's output width (32); use general or additive, or match the sizes
        size without additive  | decoder: [{cell_type: lstm, state_size: 32}] | attention: {score: general, size: 8}    | output.attention.size: applies to score additive only (the hidden size of its scorer)
        beam of zero           | decoder: [{cell_type: lstm, state_size: 32}] | attention: {beam_size: 0}               | output.attention.beam_size: must be between 1 and 100, got 0
        negative length penalty| decoder: [{cell_type: lstm, state_size: 32}] | attention: {length_penalty: -1}         | output.attention.length_penalty: must be between 0 (none) and 5, got -1.0
        unknown score          | decoder: [{cell_type: lstm, state_size: 32}] | attention: {score: concat}              | output.attention.score: unknown value 'concat'; expected one of dot, general, additive
        """)
    void attentionDecoderRules(String name, String decoder, String attention, String expected) {
        String yaml = replace("  type: classification\n  num_classes: 2", "  type: seq2seq\n  output_length: 10\n  " + decoder + "\n  " + attention);
        assertTrue(errors(yaml, List.of()).contains(expected), () -> errors(yaml, List.of()));
    }

    @Test
    void attentionAppliesToSeq2seqOnly() {
        assertTrue(errors(replace("  num_classes: 2", "  num_classes: 2\n  attention: {score: general}"), List.of())
                .contains("output.attention: applies to output.type seq2seq only (an attention decoder)"));
    }

    @Test
    void everyErrorIsReportedNotJustTheFirst() {
        String yaml = replace("    dropout: 0.1", "    dropout: -0.5").replace("  epochs: 2", "  epochs: 0");
        assertEquals("test.yaml:9: encoder[0].dropout: must be in [0, 1) (the probability of dropping a unit), got -0.5"
                + " | test.yaml:14: training.epochs: must be between 1 and 1000000, got 0", errors(yaml, List.of()));
    }

    @Test
    void emptyFile() {
        assertEquals("test.yaml: the config is empty; expected a mapping with at least 'encoder' and 'output'", errors("", List.of()));
    }

    @Test
    void overridesAreValidatedAndBlamedOnTheCommandLine() throws ConfigException {
        assertEquals("--set: encoder[0].state_size: must be between 1 and 65536, got 0",
                errors(VALID, List.of("encoder[0].state_size=0")));
        assertEquals("--set: 'epochs' is not of the form key.path=value (e.g. training.epochs=5 or encoder[0].state_size=64)",
                errors(VALID, List.of("epochs")));
        assertEquals("--set: encoder[3].state_size: index 3 is out of range: 'encoder' has 1 entries",
                errors(VALID, List.of("encoder[3].state_size=8")));
        RnnkitConfig c = ConfigLoader.parse(VALID, "test.yaml", List.of("training.epochs=7", "encoder[0].cell_type=gru", "training.batch_size=4"));
        assertEquals(7, c.training().epochs());
        assertEquals(CellType.GRU, c.encoder().get(0).cellType());
        assertEquals(4, c.training().batchSize());
    }

    @Test
    void resolvedYamlRoundTrips() throws ConfigException {
        RnnkitConfig c = ConfigLoader.parse(VALID, "test.yaml", List.of());
        assertEquals(c, ConfigLoader.parse(ConfigLoader.toYaml(c), "resolved.yaml", List.of()));
    }

    @Test
    void wordDropoutNeedsAWordVocabulary() throws ConfigException {
        String withDropout = replace("  vocab_size: 100", "  vocab_size: 100\n  word_dropout: 0.25");
        assertEquals(0.25, ConfigLoader.parse(withDropout, "test.yaml", List.of()).input().wordDropout());
        String generator = withDropout.replace("  type: classification", "  type: generation").replace("  num_classes: 2\n", "");
        assertEquals("test.yaml:5: input.word_dropout: needs text classification or tagging data (output.type classification, "
                + "regression or tagging); output.type generation has no unknown word to replace words with", errors(generator, List.of()));
    }

    @Test
    void wordFeaturesNeedWordsToDescribe() throws ConfigException {
        String withFeatures = replace("  vocab_size: 100", "  vocab_size: 100\n  word_features: [casing]");
        assertEquals(List.of(WordFeature.CASING), ConfigLoader.parse(withFeatures, "test.yaml", List.of()).input().wordFeatures());
        assertEquals(8, ConfigLoader.parse(withFeatures, "test.yaml", List.of()).input().wordFeatureWidth());
        String generator = withFeatures.replace("  type: classification", "  type: generation").replace("  num_classes: 2\n", "");
        assertEquals("test.yaml:5: input.word_features: needs text classification or tagging data (output.type classification, "
                + "regression or tagging); output.type generation reads no words to compute them from", errors(generator, List.of()));
        String chars = withFeatures + "data: {train: t.txt, tokenizer: {level: char}}\n";
        assertEquals("test.yaml:5: input.word_features: needs word-level tokens (data.tokenizer.level: word); they describe how a word is written",
                errors(chars, List.of()));
    }
}
