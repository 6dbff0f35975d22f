package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Gradient clipping against exploding gradients.
 *
 * @param mode      none (default), norm (rescale each layer's gradient to L2 norm &le; threshold) or
 *                  value (clip each element to [-threshold, threshold])
 * @param threshold the norm or value bound; default 1.0
 */
public record GradientClippingConfig(
        @JsonPropertyDescription("none (default), norm (per-layer L2 norm) or value (element-wise)")
        Mode mode,
        @JsonPropertyDescription("The norm or absolute-value bound; default 1.0")
        Double threshold) {

    /** How gradients are clipped. */
    public enum Mode implements ConfigEnum {
        @JsonProperty("none") NONE,
        @JsonProperty("norm") NORM,
        @JsonProperty("value") VALUE;
    }

    public GradientClippingConfig {
        mode = mode == null ? Mode.NONE : mode;
        threshold = threshold == null ? 1.0 : threshold;
    }

    /** No clipping. */
    public static GradientClippingConfig none() {
        return new GradientClippingConfig(null, null);
    }
}
