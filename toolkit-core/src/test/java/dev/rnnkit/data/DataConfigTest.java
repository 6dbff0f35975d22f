package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnkit.config.ColumnRef;
import dev.rnnkit.config.ConfigError;
import dev.rnnkit.config.ConfigException;
import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.DataConfig;
import dev.rnnkit.config.DataFamily;
import dev.rnnkit.config.InputType;
import dev.rnnkit.config.OutputType;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.config.Seq2SeqDataConfig;
import dev.rnnkit.config.Truncation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The data section binds the documented examples and the validator explains wrong combinations. */
class DataConfigTest {

    static final String SST2 = """
            input: {type: embedding, embedding_size: 100}
            encoder: [{cell_type: lstm, state_size: 128}]
            output: {type: classification}
            data:
              train: sst2/train.tsv
              validation: sst2/dev.tsv
              tokenizer: {level: word, lowercase: true}
              vocabulary: {max_size: 20000, min_freq: 2}
              text: {text_column: sentence, label_column: label, max_length: 64}
            """;
    static final String CONLL = """
            input: {type: embedding, embedding_size: 100}
            encoder: [{cell_type: lstm, state_size: 128, bidirectional: true}]
            output: {type: tagging}
            data:
              train: conll2003/train.txt
              validation: conll2003/valid.txt
              test: conll2003/test.txt
              tagging: {token_column: 0, tag_column: 3, input_scheme: iob2, scheme: iobes}
            """;
    static final String TEMPERATURES = """
            input: {type: dense}
            encoder: [{cell_type: lstm, state_size: 64}]
            output: {type: forecast, horizon: 7}
            data:
              train: timeseries/daily-min-temperatures.csv
              time_series:
                timestamp_columns: [Date]
                target_columns: [Temp]
                lookback: 30
                validation_start: "1989-01-01"
                test_start: "1990-01-01"
            """;
    static final String POLLUTION = """
            input: {type: dense}
            encoder: [{cell_type: lstm, state_size: 64}]
            output: {type: forecast, horizon: 24}
            data:
              train: timeseries/pollution.csv
              validation_split: 0.1
              test_split: 0.1
              time_series:
                timestamp_columns: [year, month, day, hour]
                target_columns: [pm2.5]
                covariate_columns: [DEWP, TEMP, PRES, Iws, Is, Ir]
                categorical_columns: [cbwd]
                lookback: 48
                missing: ffill
            """;
    static final String FRENCH_RAP = """
            input: {type: one_hot}
            encoder: [{cell_type: lstm, state_size: 256, num_layers: 2}]
            output: {type: generation}
            data:
              train: french-rap/french_rap_lyrics
              validation_split: 0.05
              tokenizer: {level: char}
              vocabulary: {max_size: 120}
              generation: {sequence_length: 100, stride: 50, held_out: files}
            """;

    static final String DATES = """
            input: {type: one_hot}
            encoder: [{cell_type: lstm, state_size: 128}]
            output: {type: seq2seq, output_length: 11, decoder: [{cell_type: lstm, state_size: 128}]}
            data:
              train: generated/dates/train.tsv
              validation: generated/dates/validation.tsv
              tokenizer: {level: char}
              seq2seq: {max_length: 40}
            """;

    private static RnnkitConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "c.yaml", List.of());
    }

    private static List<String> errors(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void documentedExamplesValidateAndPickTheirFamily() throws ConfigException {
        assertEquals(DataFamily.TEXT_CLASSIFICATION, DataPipelines.familyOf(parse(SST2)));
        assertEquals(DataFamily.TAGGING, DataPipelines.familyOf(parse(CONLL)));
        assertEquals(DataFamily.TIME_SERIES, DataPipelines.familyOf(parse(TEMPERATURES)));
        assertEquals(DataFamily.TIME_SERIES, DataPipelines.familyOf(parse(POLLUTION)));
        assertEquals(DataFamily.GENERATION, DataPipelines.familyOf(parse(FRENCH_RAP)));
        RnnkitConfig sst = parse(SST2);
        assertEquals(new ColumnRef("sentence", null), sst.data().text().textColumn());
        assertEquals(DataConfig.OnError.FAIL, sst.data().onError());
        assertEquals(ColumnRef.index(1), parse(SST2.replace("label_column: label", "label_column: 1")).data().text().labelColumn());
    }

    @Test
    void lineAlignedSeq2seqFilesNeedBothLanguagesAndNoDelimitedKeys() throws ConfigException {
        String aligned = DATES.replace("max_length: 40}", "source_lang: en, target_lang: fr}");
        Seq2SeqDataConfig s = parse(aligned).data().seq2seq();
        assertEquals(true, s.lineAligned());
        assertEquals(List.of("generated/dates/train.tsv.en", "generated/dates/train.tsv.fr"), s.files("generated/dates/train.tsv"));
        assertEquals(List.of("t.en", "t.fr", "v.en", "v.fr"), parse(aligned).data().filesOf("t", null, "v"));
        assertEquals(null, s.header()); // left unset, so that a given one can be told apart
        assertEquals(List.of("c.yaml:8: data.seq2seq.target_lang: is required with source_lang: line-aligned files need both suffixes,"
                        + " or neither for a delimited file"),
                errors(DATES.replace("max_length: 40}", "source_lang: en}")));
        assertEquals(List.of("c.yaml:8: data.seq2seq.source_lang: is required with target_lang: line-aligned files need both suffixes,"
                        + " or neither for a delimited file"),
                errors(DATES.replace("max_length: 40}", "target_lang: fr}")));
        assertEquals(List.of("c.yaml:8: data.seq2seq.target_lang: is the same as source_lang ('en'); both sides would read one file"),
                errors(DATES.replace("max_length: 40}", "source_lang: en, target_lang: en}")));
        for (String key : List.of("source_column: 0", "target_column: 1", "header: false", "delimiter: ','", "quote: '\"'")) {
            String name = key.substring(0, key.indexOf(':'));
            assertEquals(List.of("c.yaml:8: data.seq2seq." + name + ": applies to a delimited file of pairs; with source_lang/target_lang"
                            + " each side is its own file, one example per line"),
                    errors(aligned.replace("target_lang: fr}", "target_lang: fr, " + key + "}")), key);
        }
    }

    @Test
    void seq2seqSectionBindsAndItsRulesExplain() throws ConfigException {
        RnnkitConfig dates = parse(DATES);
        assertEquals(DataFamily.SEQ2SEQ, DataPipelines.familyOf(dates));
        assertEquals(ColumnRef.index(1), dates.data().seq2seq().targetColumn());
        assertEquals(false, dates.data().seq2seq().header());
        assertEquals(dates.data().tokenizer(), dates.data().seq2seq().sourceTokenizerOr(dates.data().tokenizer()));
        assertEquals(List.of("c.yaml:8: data.seq2seq.target_column: is the same column as source_column (#0)"),
                errors(DATES.replace("max_length: 40}", "max_length: 40, target_column: 0}")));
        assertEquals(List.of("c.yaml:8: data.seq2seq.header: is false, so columns must be given by 0-based index, not by name"),
                errors(DATES.replace("max_length: 40}", "source_column: human}")));
        assertEquals(List.of("c.yaml:8: data.seq2seq.max_length: must be >= 1, got 0"),
                errors(DATES.replace("max_length: 40", "max_length: 0")));
        assertEquals(List.of("c.yaml:3: output.num_classes: must be >= 4 for seq2seq data (ids 0-2 are padding, unknown and </s>), got 3;"
                        + " omit it to take the target vocabulary from the data"),
                errors(DATES.replace("output_length: 11", "output_length: 11, num_classes: 3")));
        assertEquals(List.of("c.yaml:3: output.output_length: must be >= 2 for seq2seq data: every target ends with the end token </s>,"
                        + " so a length of 1 leaves no room for target tokens"),
                errors(DATES.replace("output_length: 11", "output_length: 1")));
        assertEquals(List.of("c.yaml:10: data.seq2seq: applies to the seq2seq pipeline; this config reads text_classification data (use data.text)"),
                errors(SST2 + "  seq2seq: {max_length: 3}\n"));
    }

    @Test
    void truncationSideBindsAndMaxLengthHasADefault() throws ConfigException {
        assertEquals(null, parse(SST2).data().text().truncation());
        assertEquals(Truncation.HEAD_TAIL,
                parse(SST2.replace("max_length: 64}", "max_length: 64, truncation: head_tail}")).data().text().truncation());
        // Without max_length every example is still bounded (an adversarial line costs at most the default).
        var tail = parse(SST2.replace("max_length: 64}", "truncation: tail}")).data().text();
        assertEquals(Truncation.TAIL, tail.truncation());
        assertEquals(DataConfig.DEFAULT_MAX_LENGTH, tail.maxLength());
        assertEquals(1024, dev.rnnkit.config.TaggingDataConfig.defaults().maxLength());
        assertEquals(1024, dev.rnnkit.config.Seq2SeqDataConfig.defaults().maxLength());
        assertEquals(List.of("c.yaml:9: data.text.truncation: unknown value 'middle'; expected one of head, tail, head_tail"),
                errors(SST2.replace("max_length: 64}", "max_length: 64, truncation: middle}")));
    }

    @Test
    void maxBatchTokensIsForExamplesOfDifferentLengths() throws ConfigException {
        assertEquals(512, parse(SST2 + "training: {max_batch_tokens: 512}\n").training().maxBatchTokens());
        assertEquals(null, parse(SST2).training().maxBatchTokens());
        assertEquals(List.of("c.yaml:12: training.max_batch_tokens: applies to text classification, tagging and seq2seq data, whose "
                        + "examples differ in length; time_series examples all have the same length, so lower batch_size instead"),
                errors(TEMPERATURES + "training: {max_batch_tokens: 500}\n"));
    }

    @Test
    void familyMappingIsExplicit() {
        assertEquals(Optional.of(DataFamily.TEXT_CLASSIFICATION), DataFamily.of(InputType.ONE_HOT, OutputType.CLASSIFICATION));
        assertEquals(Optional.of(DataFamily.TIME_SERIES), DataFamily.of(InputType.DENSE, OutputType.REGRESSION));
        assertEquals(Optional.of(DataFamily.TIME_SERIES), DataFamily.of(InputType.DENSE, OutputType.SEQUENCE_REGRESSION));
        assertEquals(Optional.empty(), DataFamily.of(InputType.DENSE, OutputType.CLASSIFICATION));
        assertEquals(Optional.of(DataFamily.SEQ2SEQ), DataFamily.of(InputType.EMBEDDING, OutputType.SEQ2SEQ));
        assertEquals(Optional.of(DataFamily.SEQ2SEQ), DataFamily.of(InputType.ONE_HOT, OutputType.SEQ2SEQ));
        assertEquals(Optional.empty(), DataFamily.of(InputType.DENSE, OutputType.SEQ2SEQ));
    }

    @Test
    void rejectsSectionsOfAnotherFamilyAndConflictingSplits() {
        assertEquals(List.of("c.yaml:10: data.time_series: applies to the time_series pipeline; this config reads text_classification data (use data.text)"),
                errors(SST2 + "  time_series: {target_columns: [x], lookback: 3}\n"));
        assertEquals(List.of("c.yaml:7: data.validation_split: set either data.validation (a file) or data.validation_split, not both"),
                errors(SST2.replace("  validation: sst2/dev.tsv\n", "  validation: sst2/dev.tsv\n  validation_split: 0.1\n")));
        assertEquals(List.of("c.yaml:6: data.time_series.lookback: is required: the steps of history in each window, e.g. 30"),
                errors(TEMPERATURES.replace("    lookback: 30\n", "")));
        assertEquals(List.of("c.yaml:9: data.text.delimiter: must be exactly one character (write a tab as \"\\t\"), got '\\\\t'"),
                errors(SST2.replace("max_length: 64}", "max_length: 64, delimiter: '\\\\t'}")));
        assertEquals(List.of("c.yaml:13: data.time_series.validation_start: split the series either by time (validation_start, test_start) "
                        + "or by fractions (validation_split, test_split), not both"),
                errors(POLLUTION.replace("    lookback: 48\n", "    lookback: 48\n    validation_start: '2014'\n")
                        .replace("  validation_split: 0.1\n", "")));
    }
}
