package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * Where the data comes from and how it is turned into tensors (the YAML {@code data:} section).
 *
 * <p>Which pipeline reads the files follows from {@code input.type} and {@code output.type} (see
 * {@code dev.rnnkit.data.DataFamily}); only the sub-section of that pipeline ({@code text}, {@code tagging},
 * {@code time_series}, {@code generation} or {@code seq2seq}) may be given. Paths are relative to the data directory.
 *
 * @param train                training file (generation: a file or a folder of text files); required
 * @param validation           validation file or folder; omit to split it off the training data
 * @param test                 test file or folder; omit to split it off the training data (or to have none)
 * @param validationSplit      fraction of the training data held out for validation when no validation file
 *                             is given; default 0 (none)
 * @param testSplit            fraction held out for testing when no test file is given; default 0 (none)
 * @param onError              what a malformed row does: fail (default, stop with file:line: reason) or skip
 *                             (drop and count it)
 * @param shuffle              shuffle training examples every epoch with the config seed; default true
 * @param bucketByLength       group training examples of similar length into batches to save padding
 *                             (text classification, tagging); default true
 * @param prefetch             batches prepared ahead on a background thread; 0 = synchronous; default 2
 * @param tokenizer            how text is split into tokens
 * @param vocabulary           how the token vocabulary is built from the training split
 * @param pretrainedEmbeddings word vectors that initialise the embedding (word-level embedding input)
 * @param text                 text classification / regression settings
 * @param tagging              token tagging (CoNLL) settings
 * @param timeSeries           time-series settings
 * @param generation           text generation settings
 * @param seq2seq              sequence-to-sequence (source/target pairs) settings
 */
public record DataConfig(
        @JsonPropertyDescription("Training file, relative to the data directory (generation: a file or a folder of text files); required")
        String train,
        @JsonPropertyDescription("Validation file or folder; omit to split it off the training data with validation_split")
        String validation,
        @JsonPropertyDescription("Test file or folder; omit to split it off the training data with test_split (or to have no test set)")
        String test,
        @JsonPropertyDescription("Fraction of the training data held out for validation when no validation file is given (seeded random rows; chronological tail for time series and generation); default 0")
        Double validationSplit,
        @JsonPropertyDescription("Fraction of the training data held out for testing when no test file is given; default 0")
        Double testSplit,
        @JsonPropertyDescription("Malformed rows: fail (default; stop with file:line: reason) or skip (drop them and count them in the read summary)")
        OnError onError,
        @JsonPropertyDescription("Shuffle the training examples every epoch using the config seed; default true")
        Boolean shuffle,
        @JsonPropertyDescription("Batch training examples of similar length together to save padding (text classification, tagging); default true")
        Boolean bucketByLength,
        @JsonPropertyDescription("Batches prepared ahead on a background thread; 0 = synchronous; default 2")
        Integer prefetch,
        @JsonPropertyDescription("How text is split into tokens (text classification, tagging, generation, seq2seq)")
        TokenizerConfig tokenizer,
        @JsonPropertyDescription("How the token vocabulary is built from the training split")
        VocabularyConfig vocabulary,
        @JsonPropertyDescription("Pretrained word vectors (word2vec/GloVe) that initialise the embedding; word-level embedding input only")
        PretrainedEmbeddingsConfig pretrainedEmbeddings,
        @JsonPropertyDescription("Text classification/regression: columns and length of a TSV/CSV file")
        TextDataConfig text,
        @JsonPropertyDescription("Token tagging: columns and tag schemes of a CoNLL file")
        TaggingDataConfig tagging,
        @JsonPropertyDescription("Time series: columns, windows, normalisation and missing values of a CSV file")
        TimeSeriesDataConfig timeSeries,
        @JsonPropertyDescription("Text generation: fixed-length sequences cut from a text file or folder")
        GenerationDataConfig generation,
        @JsonPropertyDescription("Sequence-to-sequence: a TSV/CSV file of source/target pairs (columns) or line-aligned files per language, source length and tokenizers")
        Seq2SeqDataConfig seq2seq) {

    /** Whether validation data is configured: a file, a split fraction, or a time series' validation period. */
    public boolean hasValidation() {
        return validation != null || validationSplit > 0 || (timeSeries != null && timeSeries.validationStart() != null);
    }

    /** Default number of prefetched batches. */
    public static final int DEFAULT_PREFETCH = 2;

    /**
     * The tokens kept of one example (text, sentence, source) when the config sets no {@code max_length}: far above
     * the shipped data sets' longest (SST-2 52, CoNLL-2003 124), and a bound on what one adversarial line can cost.
     */
    public static final int DEFAULT_MAX_LENGTH = 1024;

    public DataConfig {
        validationSplit = validationSplit == null ? 0.0 : validationSplit;
        testSplit = testSplit == null ? 0.0 : testSplit;
        onError = onError == null ? OnError.FAIL : onError;
        shuffle = shuffle == null ? Boolean.TRUE : shuffle;
        bucketByLength = bucketByLength == null ? Boolean.TRUE : bucketByLength;
        prefetch = prefetch == null ? DEFAULT_PREFETCH : prefetch;
        tokenizer = tokenizer == null ? TokenizerConfig.defaults() : tokenizer;
        vocabulary = vocabulary == null ? VocabularyConfig.defaults() : vocabulary;
        // The family sub-sections stay null when unset, so the validator can reject one given for another family.
    }

    /** A data section with only file paths set and every other value at its default. */
    public static DataConfig files(String train, String validation, String test) {
        return new DataConfig(train, validation, test, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    /** The text settings, defaults when the section is absent. */
    public TextDataConfig textOrDefaults() {
        return text == null ? TextDataConfig.defaults() : text;
    }

    /** The tagging settings, defaults when the section is absent. */
    public TaggingDataConfig taggingOrDefaults() {
        return tagging == null ? TaggingDataConfig.defaults() : tagging;
    }

    /** The generation settings, defaults when the section is absent. */
    public GenerationDataConfig generationOrDefaults() {
        return generation == null ? GenerationDataConfig.defaults() : generation;
    }

    /**
     * The files that data paths name, in order, none missing: each path itself, or for line-aligned seq2seq files both
     * of its language files (see {@link Seq2SeqDataConfig#files}).
     */
    public List<String> filesOf(String... paths) {
        List<String> out = new java.util.ArrayList<>();
        for (String path : paths) {
            if (path != null) {
                out.addAll(seq2seq == null ? List.of(path) : seq2seq.files(path));
            }
        }
        return out;
    }

    /** The sequence-to-sequence settings, defaults when the section is absent. */
    public Seq2SeqDataConfig seq2seqOrDefaults() {
        return seq2seq == null ? Seq2SeqDataConfig.defaults() : seq2seq;
    }

    /** What a malformed row does. */
    public enum OnError implements ConfigEnum {
        /** Stop at the first malformed row with {@code file:line: reason}. */
        @JsonProperty("fail") FAIL,
        /** Drop malformed rows and count them by reason. */
        @JsonProperty("skip") SKIP;
    }
}
