package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A delimited file of source/target pairs, one pair per row (sequence-to-sequence data).
 *
 * <p>Both sides are tokenised ({@code data.tokenizer} unless a side has its own tokenizer) and get their own
 * vocabulary fitted on the training split. Every target ends with the reserved end token {@code </s>}, so a
 * target may have at most {@code output.output_length - 1} tokens.
 *
 * @param sourceColumn    the source column, by header name or 0-based index; default 0
 * @param targetColumn    the target column, by header name or 0-based index; default 1
 * @param header          the first line names the columns; default false (pair files rarely have one)
 * @param delimiter       the one-character field separator; default tab
 * @param quote           the one-character quote for fields containing the delimiter (CSV); default none
 * @param maxLength       keep at most this many source tokens (the first ones); default {@value DataConfig#DEFAULT_MAX_LENGTH}
 * @param sourceTokenizer how sources are split into tokens; default {@code data.tokenizer}
 * @param targetTokenizer how targets are split into tokens; default {@code data.tokenizer}
 */
public record Seq2SeqDataConfig(
        @JsonPropertyDescription("Source column: header name or 0-based index; default 0")
        ColumnRef sourceColumn,
        @JsonPropertyDescription("Target column: header name or 0-based index; default 1")
        ColumnRef targetColumn,
        @JsonPropertyDescription("The first line holds column names; default false")
        Boolean header,
        @JsonPropertyDescription("One-character field separator; default tab")
        String delimiter,
        @JsonPropertyDescription("One-character quote around fields that contain the delimiter (CSV, e.g. '\"'); default none")
        String quote,
        @JsonPropertyDescription("Truncate sources to their first max_length tokens, in training, evaluation and prediction alike; default "
                + DataConfig.DEFAULT_MAX_LENGTH + " (targets are never truncated: "
                + "one longer than output.output_length - 1 tokens is a malformed row)")
        Integer maxLength,
        @JsonPropertyDescription("How sources are split into tokens; default data.tokenizer")
        TokenizerConfig sourceTokenizer,
        @JsonPropertyDescription("How targets are split into tokens; default data.tokenizer")
        TokenizerConfig targetTokenizer) {

    public Seq2SeqDataConfig {
        sourceColumn = sourceColumn == null ? ColumnRef.index(0) : sourceColumn;
        targetColumn = targetColumn == null ? ColumnRef.index(1) : targetColumn;
        header = header == null ? Boolean.FALSE : header;
        delimiter = delimiter == null ? "\t" : delimiter;
        maxLength = maxLength == null ? DataConfig.DEFAULT_MAX_LENGTH : maxLength;
        // The tokenizers stay null when unset: they then follow data.tokenizer.
    }

    /** All defaults: a TSV without header, source in column 0 and target in column 1. */
    public static Seq2SeqDataConfig defaults() {
        return new Seq2SeqDataConfig(null, null, null, null, null, null, null, null);
    }

    /** The source tokenizer, {@code shared} when none is set. */
    public TokenizerConfig sourceTokenizerOr(TokenizerConfig shared) {
        return sourceTokenizer == null ? shared : sourceTokenizer;
    }

    /** The target tokenizer, {@code shared} when none is set. */
    public TokenizerConfig targetTokenizerOr(TokenizerConfig shared) {
        return targetTokenizer == null ? shared : targetTokenizer;
    }
}
