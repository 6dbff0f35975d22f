package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Recording of DL4J training-UI statistics into the run directory, for {@code rnnkit ui}.
 *
 * <p>When enabled, training attaches DL4J's {@code StatsListener} with a {@code FileStatsStorage} at
 * {@code <run dir>/ui-stats.dl4j}: the score, learning rate, parameter and update magnitudes and histograms, and
 * memory and timing that DL4J's training UI ({@code /train/overview}) charts.
 *
 * @param enabled   whether statistics are recorded; default false
 * @param frequency record every N-th iteration (minibatch), as {@code StatsListener}'s listener frequency;
 *                  default 10 (DL4J's own default is 1, which makes the file grow with every minibatch)
 */
public record UiStatsConfig(
        @JsonPropertyDescription("Record DL4J training-UI statistics (StatsListener into <run dir>/ui-stats.dl4j) for rnnkit ui; default false")
        Boolean enabled,
        @JsonPropertyDescription("Record every N-th iteration (minibatch), as StatsListener's listener frequency; default 10")
        Integer frequency) {

    /** Where in a run directory the statistics are written. */
    public static final String FILE_NAME = "ui-stats.dl4j";

    public UiStatsConfig {
        enabled = enabled != null && enabled;
        frequency = frequency == null ? 10 : frequency;
    }

    /** Off, every 10 iterations when turned on. */
    public static UiStatsConfig defaults() {
        return new UiStatsConfig(null, null);
    }
}
