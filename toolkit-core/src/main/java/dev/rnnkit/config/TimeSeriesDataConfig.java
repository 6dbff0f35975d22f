package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * A CSV time series with a header row, read into sliding windows.
 *
 * @param timestampColumns   columns that together name each row's time (e.g. [Date] or [year, month, day, hour]);
 *                           several are joined with '-', numbers zero-padded to two digits; default none
 * @param targetColumns      numeric columns to predict; required
 * @param covariateColumns   extra numeric input columns; default none
 * @param categoricalColumns extra categorical input columns, one-hot encoded with the training categories; default none
 * @param lookback           steps of history in each window; required
 * @param stride             steps between consecutive window starts; default 1
 * @param normalization      standard (default; z-score), min_max (to [0, 1]) or none, fitted on the training split
 * @param missing            what a missing value does: fail (default), drop (windows touching it are dropped) or
 *                           ffill (carry the previous value forward; leading gaps are dropped)
 * @param missingValues      cell texts meaning "missing"; default ["", "NA"]
 * @param delimiter          one-character field separator; default ','
 * @param validationStart    first timestamp of the validation split (text comparison, so use ISO dates);
 *                           alternative to validation_split
 * @param testStart          first timestamp of the test split; alternative to test_split
 * @param end                first timestamp not read: rows from it on are left out (e.g. the end of a benchmark's
 *                           canonical test period); default none
 * @param season             season m of the seasonal-naive baseline and the MASE scale (e.g. 24 for hourly
 *                           data with a daily cycle, 365 for daily data with a yearly one); it may exceed the
 *                           lookback: evaluation windows read their seasonal history from the rows before them;
 *                           default 1 (the naive forecast)
 * @param windowNormalization per-window normalisation of forecast windows: none, last (subtract each window's last
 *                           value from its history and labels: the network forecasts the change from persistence) or
 *                           mean (subtract the window's mean, instance normalisation without scaling); the level is
 *                           added back to every forecast; default none
 * @param gaps               timestamps further apart than the series' usual interval: fail (default), fill (insert
 *                           the missing steps as missing values, which {@code missing} then handles) or ignore;
 *                           timestamps out of order or repeated are always an error (checked when the timestamps
 *                           read as dates or date-times)
 */
public record TimeSeriesDataConfig(
        @JsonPropertyDescription("Columns naming each row's time, e.g. [Date] or [year, month, day, hour] (joined with '-', numbers zero-padded); default none")
        List<String> timestampColumns,
        @JsonPropertyDescription("Numeric columns to predict; required")
        List<String> targetColumns,
        @JsonPropertyDescription("Extra numeric input columns; default none")
        List<String> covariateColumns,
        @JsonPropertyDescription("Extra categorical input columns, one-hot encoded with the categories of the training split; default none")
        List<String> categoricalColumns,
        @JsonPropertyDescription("Steps of history in each window; required")
        Integer lookback,
        @JsonPropertyDescription("Steps between consecutive window starts; default 1")
        Integer stride,
        @JsonPropertyDescription("standard (default; z-score), min_max (to [0, 1]) or none; fitted on the training split only")
        Normalization normalization,
        @JsonPropertyDescription("Missing values: fail (default), drop (windows touching one are dropped) or ffill (carry the last value forward)")
        Missing missing,
        @JsonPropertyDescription("Cell texts that mean 'missing'; default [\"\", \"NA\"]")
        List<String> missingValues,
        @JsonPropertyDescription("One-character field separator; default ','")
        String delimiter,
        @JsonPropertyDescription("First timestamp of the validation split (compared as text: use ISO dates); alternative to validation_split")
        String validationStart,
        @JsonPropertyDescription("First timestamp of the test split (compared as text: use ISO dates); alternative to test_split")
        String testStart,
        @JsonPropertyDescription("First timestamp not read (compared as text): rows from it on are left out, e.g. where a benchmark's canonical test period ends; default none")
        String end,
        @JsonPropertyDescription("Season m of the seasonal-naive baseline and MASE scale in evaluation (e.g. 24 for hourly data with a daily cycle, 365 for daily data with a yearly one); may exceed lookback; default 1")
        Integer season,
        @JsonPropertyDescription("Forecasts: none (default), last (subtract each window's last value from its history and labels, so the network forecasts the change from persistence) or mean (subtract the window's mean); the level is added back to every forecast")
        WindowNormalization windowNormalization,
        @JsonPropertyDescription("Timestamps further apart than the usual interval: fail (default), fill (insert the missing steps as missing values, handled by 'missing') or ignore; out-of-order or repeated timestamps are always an error")
        Gaps gaps) {

    public TimeSeriesDataConfig {
        timestampColumns = timestampColumns == null ? List.of() : List.copyOf(timestampColumns);
        targetColumns = targetColumns == null ? List.of() : List.copyOf(targetColumns);
        covariateColumns = covariateColumns == null ? List.of() : List.copyOf(covariateColumns);
        categoricalColumns = categoricalColumns == null ? List.of() : List.copyOf(categoricalColumns);
        stride = stride == null ? 1 : stride;
        normalization = normalization == null ? Normalization.STANDARD : normalization;
        missing = missing == null ? Missing.FAIL : missing;
        missingValues = missingValues == null ? List.of("", "NA") : List.copyOf(missingValues);
        delimiter = delimiter == null ? "," : delimiter;
        season = season == null ? 1 : season;
        windowNormalization = windowNormalization == null ? WindowNormalization.NONE : windowNormalization;
        gaps = gaps == null ? Gaps.FAIL : gaps;
    }

    /** How each forecast window is normalised by its own level. */
    public enum WindowNormalization implements ConfigEnum {
        @JsonProperty("none") NONE,
        @JsonProperty("last") LAST,
        @JsonProperty("mean") MEAN;
    }

    /** What a gap in the timestamps does. */
    public enum Gaps implements ConfigEnum {
        @JsonProperty("fail") FAIL,
        @JsonProperty("fill") FILL,
        @JsonProperty("ignore") IGNORE;
    }

    /** How numeric columns are scaled. */
    public enum Normalization implements ConfigEnum {
        @JsonProperty("standard") STANDARD,
        @JsonProperty("min_max") MIN_MAX,
        @JsonProperty("none") NONE;
    }

    /** What a missing cell does. */
    public enum Missing implements ConfigEnum {
        @JsonProperty("fail") FAIL,
        @JsonProperty("drop") DROP,
        @JsonProperty("ffill") FFILL;
    }
}
