package dev.rnnkit.predict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rnnkit.config.OutputType;
import dev.rnnkit.data.Preprocessing;
import dev.rnnkit.data.tagging.TaggingState;
import dev.rnnkit.data.text.TextClassificationState;
import dev.rnnkit.data.timeseries.TimeSeriesState;
import dev.rnnkit.eval.EvalJson;
import dev.rnnkit.modelfile.SavedModel;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * Turns raw inputs into one JSON line per prediction, encoding them exactly as in training.
 *
 * <ul>
 *   <li>text classification: one text per input line → {@code {"text", "label", "probabilities": {label: p}}}
 *       (regression: {@code {"text", "value"}})</li>
 *   <li>tagging: one whitespace-tokenised sentence per line → {@code {"tokens": [...], "tags": [...]}}, plus
 *       {@code "tokens_cut": N} when the sentence was longer than the model's {@code max_length} (the tokens and tags
 *       are then its first {@code max_length})</li>
 *   <li>seq2seq: one source text per line → {@code {"source": ..., "output": ...}}</li>
 *   <li>time series: a CSV with the training columns → one line per complete window:
 *       {@code {"timestamps": [H], "forecast": {target: [H values]}, "future": false}} in original units, then one
 *       for the steps after the file's last row: {@code {"timestamps": [H] or null, "steps": [1..H], "forecast": ...,
 *       "future": true}}</li>
 * </ul>
 */
public final class Predictor {

    private static final ObjectWriter LINE = EvalJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final int BATCH = 64;
    /**
     * Forecast windows per forward pass: large, since a window's forecast can differ in its last float digits with the
     * batch it is computed in, and a file of up to this many windows is forecast in one batch as when it was read whole.
     */
    private static final int FORECAST_BATCH = 1024;
    /** Lines read, sorted by length and predicted together. */
    private static final int POOL = BATCH * dev.rnnkit.data.BatchIterator.POOL_BATCHES;

    private final dev.rnnkit.model.Network network;
    private final Preprocessing preprocessing;
    private final OutputType outputType;

    private final boolean attention;
    /** Decodes an attention seq2seq model's inputs; null for other models. */
    private final Translator translator;

    public Predictor(SavedModel model) {
        this(model, false);
    }

    /**
     * @param attention add each token's attention weight to text classification predictions
     * @throws IllegalArgumentException when attention weights are asked of a model without attention pooling
     */
    public Predictor(SavedModel model, boolean attention) {
        this(model, attention, null);
    }

    /**
     * @param attention add attention weights: per token for text classification, per output and source token for an
     *                  attention seq2seq model
     * @param beam      an attention seq2seq model's beam width instead of the config's ({@code output.attention.beam_size});
     *                  null keeps the config's
     * @throws IllegalArgumentException when attention weights are asked of a model without attention, or a beam of
     *                                  a model without an attention decoder
     */
    public Predictor(SavedModel model, boolean attention, Integer beam) {
        this.network = model.network();
        this.preprocessing = model.metadata().preprocessing();
        var output = model.metadata().config().output();
        this.outputType = output.type();
        this.attention = attention;
        if (attention && output.reduceOutput() != dev.rnnkit.config.ReduceOutput.ATTENTION && !output.attentionDecoder()) {
            throw new IllegalArgumentException(model.file() + ": --attention needs a model trained with output.reduce_output: attention "
                    + "or an attention decoder (output.attention)");
        }
        if (beam != null && !output.attentionDecoder()) {
            throw new IllegalArgumentException(model.file() + ": --beam applies to seq2seq models with an attention decoder (output.attention)");
        }
        this.translator = !output.attentionDecoder() ? null : Translator.of(network, preprocessing.seq2seq(),
                beam != null ? beam : output.attention().beamSize(), output.attention().lengthPenalty(), output.attention().replaceUnknown());
    }

    /** Whether inputs are lines of text (else a CSV file). */
    public boolean readsLines() {
        return switch (preprocessing.family()) {
            case TEXT_CLASSIFICATION, TAGGING, SEQ2SEQ -> true;
            case TIME_SERIES -> false;
            case GENERATION -> throw new IllegalArgumentException("a generation model does not predict from input; use 'rnnkit generate'");
        };
    }

    /** Predicts every non-blank line (text classification, tagging, seq2seq) and emits one JSON line each, in input order. */
    public void predictLines(List<String> lines, Consumer<String> out) {
        predictLines(lines.iterator(), out);
    }

    /**
     * Predicts every non-blank line as it is read and emits one JSON line each, in input order; lines are read
     * {@value #POOL} at a time, so that an input of any size takes the memory of one pool (and of its longest line).
     */
    public void predictLines(java.util.Iterator<String> lines, Consumer<String> out) {
        List<String> pool = new ArrayList<>(POOL);
        while (lines.hasNext()) {
            String line = lines.next();
            if (!line.isBlank()) {
                pool.add(line);
            }
            if (pool.size() == POOL) {
                predictPool(pool, out);
                pool.clear();
            }
        }
        if (!pool.isEmpty()) {
            predictPool(pool, out);
        }
    }

    private void predictPool(List<String> inputs, Consumer<String> out) {
        // Batch lines of similar length, so that little padding is computed (see DataPipelines#batches).
        // Results go back to input order.
        List<Integer> order = java.util.stream.IntStream.range(0, inputs.size()).boxed()
                .sorted(java.util.Comparator.comparingInt(i -> inputs.get(i).strip().length())).toList();
        List<Map<String, Object>> results = new ArrayList<>(java.util.Collections.nCopies(inputs.size(), null));
        for (int from = 0; from < order.size(); from += BATCH) {
            List<Integer> indices = order.subList(from, Math.min(order.size(), from + BATCH));
            List<String> batch = indices.stream().map(inputs::get).toList();
            List<Map<String, Object>> predicted = preprocessing.textClassification() != null ? classify(batch, preprocessing.textClassification())
                    : preprocessing.seq2seq() != null ? translate(batch, preprocessing.seq2seq())
                    : tag(batch, preprocessing.tagging());
            for (int k = 0; k < indices.size(); k++) {
                results.set(indices.get(k), predicted.get(k));
            }
        }
        results.forEach(r -> out.accept(json(r)));
    }

    private List<Map<String, Object>> classify(List<String> texts, TextClassificationState state) {
        MultiDataSet ds = state.encode(texts);
        INDArray output = network.output(ds.getFeatures(), ds.getFeaturesMaskArrays(), null);
        // Read right after the forward pass: the layer keeps the weights of its last input.
        INDArray weights = attention ? network.attentionWeights() : null;
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("text", texts.get(i));
            if (weights != null) {
                List<String> tokens = state.keptTokens(texts.get(i));
                List<Map<String, Object>> perToken = new ArrayList<>(tokens.size());
                for (int t = 0; t < tokens.size(); t++) {
                    Map<String, Object> w = new LinkedHashMap<>();
                    w.put("token", tokens.get(t));
                    w.put("weight", weights.getDouble(i, t));
                    perToken.add(w);
                }
                r.put("attention", perToken);
            }
            if (state.labels() == null) {
                r.put("value", output.getDouble(i, 0));
            } else {
                r.put("label", state.decodeLabels(output.getRow(i, true)).get(0));
                Map<String, Double> p = new LinkedHashMap<>();
                for (int c = 0; c < state.labels().size(); c++) {
                    p.put(state.labels().entry(c), output.getDouble(i, c));
                }
                r.put("probabilities", p);
            }
            out.add(r);
        }
        return out;
    }

    private List<Map<String, Object>> tag(List<String> lines, TaggingState state) {
        List<List<String>> sentences = lines.stream().map(l -> List.of(l.strip().split("\\s+"))).toList();
        MultiDataSet ds = state.encode(sentences);
        // The token mask is also the output's mask (a CRF decodes only the real steps).
        INDArray output = network.output(ds.getFeatures(), ds.getFeaturesMaskArrays(), new INDArray[] {ds.getFeaturesMaskArray(0)});
        List<List<String>> tags = state.decodeTags(output, ds.getFeaturesMaskArray(0));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            List<String> tokens = sentences.get(i);
            List<String> tagged = tags.get(i);
            // A sentence longer than max_length is cut as in training: its tags cover the first max_length tokens.
            r.put("tokens", tokens.subList(0, tagged.size()));
            r.put("tags", tagged);
            if (tagged.size() < tokens.size()) {
                r.put("tokens_cut", tokens.size() - tagged.size());
            }
            out.add(r);
        }
        return out;
    }

    private List<Map<String, Object>> translate(List<String> sources, dev.rnnkit.data.seq2seq.Seq2SeqState state) {
        if (translator != null) {
            return decode(sources, state);
        }
        MultiDataSet ds = state.encode(sources);
        List<String> outputs = state.decode(network.output(ds.getFeatures(), ds.getFeaturesMaskArrays(), null));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("source", sources.get(i));
            r.put("output", outputs.get(i));
            out.add(r);
        }
        return out;
    }

    /** Translations by greedy or beam search, with the attention weights on request. */
    private List<Map<String, Object>> decode(List<String> sources, dev.rnnkit.data.seq2seq.Seq2SeqState state) {
        List<Translator.Translation> translations = translator.translate(sources);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Translator.Translation t = translations.get(i);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("source", sources.get(i));
            r.put("output", t.text());
            r.put("log_probability", t.logProbability());
            if (attention) {
                r.put("source_tokens", t.sourceTokens());
                r.put("output_tokens", t.attentionRows());
                r.put("attention", t.attention());
            }
            out.add(r);
        }
        return out;
    }

    /**
     * Forecasts from every complete window of a CSV file, one JSON line each ({@code "future": false}), then from its
     * last {@code lookback} rows for the {@code horizon} steps after its end ({@code "future": true}, with
     * {@code "steps": [1..H]}, and {@code "timestamps"} continuing the file's interval, or null where its timestamps
     * are absent or not dates).
     */
    public void predictCsv(Path csv, Consumer<String> out) {
        TimeSeriesState state = preprocessing.timeSeries();
        if (outputType == OutputType.SEQUENCE_REGRESSION) {
            throw new IllegalArgumentException("prediction of sequence_regression models is not supported; use 'rnnkit evaluate'");
        }
        // Windows are forecast and printed a batch at a time as the file is read; the future one needs the last rows only.
        try (dev.rnnkit.data.timeseries.RollingWindows rolling = state.forecastWindows(csv)) {
            List<TimeSeriesState.Window> batch = new ArrayList<>();
            boolean labelled = false;
            while (rolling.hasNext()) {
                batch.add(rolling.next());
                if (batch.size() == FORECAST_BATCH || !rolling.hasNext()) {
                    double[][][] forecast = forecast(state, state.batch(batch));
                    for (int i = 0; i < forecast.length; i++) {
                        out.accept(json(forecastLine(state, state.labelTimestamps(batch.get(i)), null, forecast[i], false)));
                    }
                    batch.clear();
                    labelled = true;
                }
            }
            TimeSeriesState.Window future = rolling.future();
            if (!labelled && future == null) {
                throw state.tooFewRows(csv);
            }
            if (future != null) {
                List<Integer> steps = java.util.stream.IntStream.rangeClosed(1, state.horizon()).boxed().toList();
                out.accept(json(forecastLine(state, rolling.futureTimestamps(), steps,
                        forecast(state, state.unlabelledBatch(List.of(future)))[0], true)));
            }
        }
    }

    /** Forecasts of a batch in original units, [b][h][k]; each window's level goes back through its example metadata. */
    private double[][][] forecast(TimeSeriesState state, MultiDataSet batch) {
        INDArray output = network.output(batch.getFeatures(), null, null);
        return state.inverseForecast(output, batch.getExampleMetaData());
    }

    private static Map<String, Object> forecastLine(TimeSeriesState state, List<String> timestamps, List<Integer> steps,
                                                    double[][] forecast, boolean future) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("timestamps", timestamps);
        if (steps != null) {
            r.put("steps", steps);
        }
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (int k = 0; k < state.targetCount(); k++) {
            List<Double> v = new ArrayList<>();
            for (double[] step : forecast) {
                v.add(step[k]);
            }
            values.put(state.settings().targetColumns().get(k), v);
        }
        r.put("forecast", values);
        r.put("future", future);
        return r;
    }

    private static String json(Object value) {
        try {
            return LINE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
