package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * How text is split into tokens.
 *
 * @param level            word (split on whitespace; default) or char (one token per Unicode code point)
 * @param lowercase        lower-case text before splitting; default false
 * @param stripPunctuation word level: remove punctuation characters and drop tokens left empty; default false
 * @param splitPunctuation word level: split punctuation off words as Moses does (a comma, a final full stop, brackets
 *                         and quotes become tokens; {@code l'homme} gives {@code l' homme}, {@code man's} gives
 *                         {@code man 's}); default false
 */
public record TokenizerConfig(
        @JsonPropertyDescription("word (split on whitespace; default) or char (one token per Unicode code point)")
        Level level,
        @JsonPropertyDescription("Lower-case the text before splitting; default false")
        Boolean lowercase,
        @JsonPropertyDescription("Word level: remove punctuation characters and drop tokens left empty; default false")
        Boolean stripPunctuation,
        @JsonPropertyDescription("Word level: split punctuation off words as Moses does (\"man's hat.\" -> man 's hat .; l'homme -> l' homme); "
                + "default false")
        Boolean splitPunctuation) {

    public TokenizerConfig {
        level = level == null ? Level.WORD : level;
        lowercase = lowercase == null ? Boolean.FALSE : lowercase;
        stripPunctuation = stripPunctuation == null ? Boolean.FALSE : stripPunctuation;
        splitPunctuation = splitPunctuation == null ? Boolean.FALSE : splitPunctuation;
    }

    /** All defaults: word level, case and punctuation kept. */
    public static TokenizerConfig defaults() {
        return new TokenizerConfig(null, null, null, null);
    }

    /** The unit a token covers. */
    public enum Level implements ConfigEnum {
        @JsonProperty("word") WORD,
        @JsonProperty("char") CHAR;
    }
}
