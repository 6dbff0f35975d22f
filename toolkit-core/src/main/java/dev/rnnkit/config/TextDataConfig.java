package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A delimited text file with one example per row (text classification and text regression).
 *
 * @param textColumn  the text column, by header name or 0-based index; default 0
 * @param labelColumn the label column (a class name, or a number for regression); default 1
 * @param header      the first line names the columns; default true
 * @param delimiter   the one-character field separator; default tab
 * @param quote       the one-character quote for fields containing the delimiter (CSV); default none
 * @param maxLength   keep at most this many tokens per example; default {@value DataConfig#DEFAULT_MAX_LENGTH}
 * @param truncation  which tokens of a longer example are kept; null (unset) means {@link Truncation#HEAD}
 */
public record TextDataConfig(
        @JsonPropertyDescription("Text column: header name or 0-based index; default 0")
        ColumnRef textColumn,
        @JsonPropertyDescription("Label column (class name, or a number for regression): header name or 0-based index; default 1")
        ColumnRef labelColumn,
        @JsonPropertyDescription("The first line holds column names; default true")
        Boolean header,
        @JsonPropertyDescription("One-character field separator; default tab")
        String delimiter,
        @JsonPropertyDescription("One-character quote around fields that contain the delimiter (CSV, e.g. '\"'); default none")
        String quote,
        @JsonPropertyDescription("Truncate examples to max_length tokens (which ones: truncation), in training, evaluation and prediction alike; default "
                + DataConfig.DEFAULT_MAX_LENGTH)
        Integer maxLength,
        @JsonPropertyDescription("Which tokens of an example longer than max_length are kept: head (the first max_length), "
                + "tail (the last max_length) or head_tail (the first quarter of max_length, rounded up, and the rest from "
                + "the end: 128 + 382 of 510 as in Sun et al. 2019, where it beat head and tail on long reviews); "
                + "default head")
        Truncation truncation) {

    public TextDataConfig {
        textColumn = textColumn == null ? ColumnRef.index(0) : textColumn;
        labelColumn = labelColumn == null ? ColumnRef.index(1) : labelColumn;
        header = header == null ? Boolean.TRUE : header;
        delimiter = delimiter == null ? "\t" : delimiter;
        maxLength = maxLength == null ? DataConfig.DEFAULT_MAX_LENGTH : maxLength;
        // truncation stays null when unset: the artefact then leaves it out, as models saved before it existed.
    }

    /** All defaults: a headed TSV with text in column 0 and labels in column 1. */
    public static TextDataConfig defaults() {
        return new TextDataConfig(null, null, null, null, null, null, null);
    }
}
