package dev.rnnkit.train;

import dev.rnnkit.config.OutputType;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.PreparedData;
import dev.rnnkit.data.generation.GenerationState;
import dev.rnnkit.data.timeseries.SeriesRow;
import dev.rnnkit.data.timeseries.TimeSeriesState;
import dev.rnnkit.eval.ForecastMetrics;
import dev.rnnkit.eval.TrainingBaselines;
import java.util.Arrays;
import java.util.List;

/**
 * Computes the training-split statistics that evaluation baselines need, once, while the training data is loaded.
 */
final class BaselineStatistics {

    private BaselineStatistics() {
    }

    /** MASE scales for forecasting, unigram counts for generation, nothing for other tasks. */
    static TrainingBaselines of(RnnkitConfig config, PreparedData data) {
        List<?> train = data.batches().train().examples();
        return switch (data.artefact().family()) {
            case TIME_SERIES -> config.output().type() == OutputType.SEQUENCE_REGRESSION || train.isEmpty()
                    ? TrainingBaselines.none()
                    : forecastBaselines(data.artefact().timeSeries(), (TimeSeriesState.Window) train.get(0));
            case GENERATION -> new TrainingBaselines(null, unigramCounts(data.artefact().generation(), train), null);
            default -> TrainingBaselines.none();
        };
    }

    /**
     * Per target, the seasonal-naive in-sample MAE of the training rows (0 when too short) and their standard
     * deviation; missing values left out.
     */
    private static TrainingBaselines forecastBaselines(TimeSeriesState state, TimeSeriesState.Window any) {
        List<SeriesRow> rows = any.segment().rows();
        int season = state.settings().season();
        double[] scales = new double[state.targetCount()];
        double[] stds = new double[state.targetCount()];
        for (int k = 0; k < scales.length; k++) {
            final int target = k;
            double[] series = rows.stream().mapToDouble(r -> r.numbers()[target]).filter(v -> !Double.isNaN(v)).toArray();
            scales[k] = series.length > season ? ForecastMetrics.inSampleSeasonalMae(series, season) : 0;
            stds[k] = ForecastMetrics.standardDeviation(series);
        }
        return new TrainingBaselines(scales, null, stds);
    }

    /** How often each id is a label (next token) in the training sequences. */
    private static long[] unigramCounts(GenerationState state, List<?> sequences) {
        long[] counts = new long[state.vocabulary().size()];
        for (Object o : sequences) {
            int[] window = (int[]) o;
            for (int id : Arrays.copyOfRange(window, 1, window.length)) {
                counts[id]++;
            }
        }
        return counts;
    }
}
