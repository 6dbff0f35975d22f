package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Source/target pairs, one pair per row of a delimited file or per line of two line-aligned files (sequence-to-sequence data).
 *
 * <p>With {@code source_lang} and {@code target_lang} (fairseq's names), each data path is a prefix: {@code train:
 * multi30k/train} with languages {@code en} and {@code fr} reads the pair {@code multi30k/train.en} and
 * {@code multi30k/train.fr} line by line, and the delimited-file keys do not apply.
 *
 * <p>Both sides are tokenised ({@code data.tokenizer} unless a side has its own tokenizer) and get their own
 * vocabulary fitted on the training split. Every target ends with the reserved end token {@code </s>}, so a
 * target may have at most {@code output.output_length - 1} tokens.
 *
 * @param sourceLang      the source files' suffix (line-aligned files); null for a delimited file
 * @param targetLang      the target files' suffix (line-aligned files); null for a delimited file
 * @param sourceColumn    the source column, by header name or 0-based index; default 0 (delimited file only)
 * @param targetColumn    the target column, by header name or 0-based index; default 1 (delimited file only)
 * @param header          the first line names the columns; default false, as pair files rarely have one (delimited file only)
 * @param delimiter       the one-character field separator; default tab (delimited file only)
 * @param quote           the one-character quote for fields containing the delimiter (CSV); default none (delimited file only)
 * @param maxLength       keep at most this many source tokens (the first ones); default {@value DataConfig#DEFAULT_MAX_LENGTH}
 * @param sourceTokenizer how sources are split into tokens; default {@code data.tokenizer}
 * @param targetTokenizer how targets are split into tokens; default {@code data.tokenizer}
 * @param sharedVocabulary one vocabulary fitted on both sides of the training pairs, for source and target alike;
 *                        default false (a vocabulary per side)
 */
public record Seq2SeqDataConfig(
        @JsonPropertyDescription("Source language suffix of line-aligned files (with target_lang): data paths are then prefixes, "
                + "e.g. train: multi30k/train reads multi30k/train.en beside multi30k/train.fr; default none (one delimited file of pairs)")
        String sourceLang,
        @JsonPropertyDescription("Target language suffix of line-aligned files (with source_lang), e.g. fr; default none")
        String targetLang,
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
        TokenizerConfig targetTokenizer,
        @JsonPropertyDescription("One vocabulary fitted on the sources and targets of the training split together, used on both sides "
                + "(languages that share names, numbers and spelling); data.vocabulary limits it as a whole; default false")
        Boolean sharedVocabulary) {

    public Seq2SeqDataConfig {
        sharedVocabulary = sharedVocabulary != null && sharedVocabulary;
        // Line-aligned files leave the delimited-file keys null, so that the validator can reject one given.
        boolean delimited = sourceLang == null && targetLang == null;
        sourceColumn = sourceColumn == null && delimited ? ColumnRef.index(0) : sourceColumn;
        targetColumn = targetColumn == null && delimited ? ColumnRef.index(1) : targetColumn;
        header = header == null && delimited ? Boolean.FALSE : header;
        delimiter = delimiter == null && delimited ? "\t" : delimiter;
        maxLength = maxLength == null ? DataConfig.DEFAULT_MAX_LENGTH : maxLength;
        // The tokenizers stay null when unset: they then follow data.tokenizer.
    }

    /** All defaults: a TSV without header, source in column 0 and target in column 1. */
    public static Seq2SeqDataConfig defaults() {
        return new Seq2SeqDataConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The source tokenizer, {@code shared} when none is set. */
    public TokenizerConfig sourceTokenizerOr(TokenizerConfig shared) {
        return sourceTokenizer == null ? shared : sourceTokenizer;
    }

    /** The target tokenizer, {@code shared} when none is set. */
    public TokenizerConfig targetTokenizerOr(TokenizerConfig shared) {
        return targetTokenizer == null ? shared : targetTokenizer;
    }

    /** Whether pairs come from two line-aligned files ({@code source_lang} and {@code target_lang} set). */
    public boolean lineAligned() {
        return sourceLang != null && targetLang != null;
    }

    /**
     * The files a data path names: {@code <path>.<source_lang>} and {@code <path>.<target_lang>} for line-aligned
     * files, else the path itself.
     */
    public java.util.List<String> files(String path) {
        return lineAligned() ? java.util.List.of(path + "." + sourceLang, path + "." + targetLang) : java.util.List.of(path);
    }
}
