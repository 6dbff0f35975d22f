package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A per-token feature computed from a word's original spelling and fed to the network beside its token id.
 *
 * <p>Each feature is a one-hot class over {@link #width()} channels; {@code dev.rnnkit.data.WordShapes} computes it.
 */
public enum WordFeature implements ConfigEnum {
    /**
     * The word's casing class, one of: all_lower, all_upper, initial_capital, mixed_case, numeric,
     * contains_digit, punctuation, other (Huang et al. 2015; Chiu and Nichols 2016).
     */
    @JsonProperty("casing") CASING(8);

    private final int width;

    WordFeature(int width) {
        this.width = width;
    }

    /** The channels this feature adds per token. */
    public int width() {
        return width;
    }

    /** The channels a list of features adds per token: the sum of their widths. */
    public static int totalWidth(java.util.List<WordFeature> features) {
        return features.stream().mapToInt(WordFeature::width).sum();
    }
}
