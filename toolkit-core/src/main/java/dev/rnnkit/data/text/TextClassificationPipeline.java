package dev.rnnkit.data.text;

import dev.rnnkit.config.DataConfig;
import dev.rnnkit.config.OutputType;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.config.TextDataConfig;
import dev.rnnkit.data.BatchIterator;
import dev.rnnkit.data.ColumnPairs;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.PreparedData;
import dev.rnnkit.data.Preprocessing;
import dev.rnnkit.data.ReadLog;
import dev.rnnkit.data.Splits;
import dev.rnnkit.data.Tensors;
import dev.rnnkit.data.Tokenizer;
import dev.rnnkit.data.Vocabulary;
import dev.rnnkit.data.WordCharacters;
import dev.rnnkit.model.ClassCounts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a TSV/CSV of texts and labels into padded, masked token batches (SST-2 style).
 */
public final class TextClassificationPipeline {

    /** One well-formed row. */
    record Row(String file, long line, String text, String label) {
    }

    /**
     * One encoded example: token ids, word-feature classes [feature][token], a class index or a regression target,
     * and whether tokens were cut off to fit max_length (counted in the read summary).
     */
    record Example(int[] ids, int[][] wordClasses, int[][] chars, int label, float target, boolean truncated) {
    }

    private TextClassificationPipeline() {
    }

    /** Reads, splits, fits the vocabulary and label map on the training split, and batches every split. */
    public static PreparedData prepare(RnnkitConfig config, Path dataDir) {
        DataConfig d = config.data();
        TextDataConfig t = d.textOrDefaults();
        ReadLog log = new ReadLog(d.onError());
        boolean regression = config.output().type() == OutputType.REGRESSION;
        Splits<Row> rows = Splits.read(d, name -> readRows(dataDir, name, t, regression, log), false, config.seed());

        Tokenizer tokenizer = new Tokenizer(d.tokenizer());
        Map<String, Integer> counts = new HashMap<>();
        for (Row r : rows.train()) {
            for (String tok : tokenizer.tokenize(r.text())) {
                counts.merge(tok, 1, Integer::sum);
            }
        }
        Integer maxSize = DataPipelines.vocabularyLimit(config);
        Vocabulary vocabulary = Vocabulary.ofTokens(counts, maxSize, d.vocabulary().minFreq());
        Vocabulary labels = regression ? null : Vocabulary.ofLabels(rows.train().stream().map(Row::label).toList());
        // Characters of the words as written (capitals count), fitted on the training texts.
        WordCharacters characters = config.input().charEncoder() == null ? null : WordCharacters.fit(
                () -> rows.train().stream().flatMap(r -> new Tokenizer(new dev.rnnkit.config.TokenizerConfig(d.tokenizer().level(), false,
                        d.tokenizer().stripPunctuation(), d.tokenizer().splitPunctuation())).tokenize(r.text()).stream()).iterator(), config.input().charEncoder());
        TextClassificationState fitted = new TextClassificationState(config.input().type(), config.output().type(),
                d.tokenizer(), t.maxLength(), t.truncation(), vocabulary, labels, config.input().wordFeatures(), null, characters);

        Splits<Example> examples = rows.map(part -> encode(part, fitted, log));
        // Count the encoded examples, not the rows: those are the labels the loss sees.
        TextClassificationState state = regression ? fitted
                : fitted.withLabelCounts(ClassCounts.of(labels.entries(), examples.train().stream().mapToInt(Example::label)));
        log.note("vocabulary: " + vocabulary.size() + " tokens (" + counts.size() + " distinct in training)"
                + (labels == null ? "" : "; labels: " + String.join(", ", labels.entries())));
        if (characters != null) {
            log.note(characters.summary());
        }
        if (state.maxLength() != null) {
            log.noteTruncated(state.maxLength(), state.truncation(), examples, Example::truncated);
        }
        DataPipelines.noteClassWeights(config, state.shape(), log);
        int classes = regression ? 1 : labels.size();
        var batches = DataPipelines.batches(examples, config, part -> toDataSet(part, state),
                e -> e.ids().length, state.inputType() == dev.rnnkit.config.InputType.ONE_HOT ? vocabulary.size() : 1 + config.input().wordFeatureWidth(), classes);
        return new PreparedData(Preprocessing.of(state),
                log.summary(examples.train().size(), Splits.size(examples.validation()), Splits.size(examples.test())),
                batches, d.prefetch());
    }

    /** Every well-formed row of one labelled file, encoded with a fitted state, batched by length (for evaluation). */
    public static org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator labelled(RnnkitConfig config, TextClassificationState state,
                                                                                     Path file) {
        boolean regression = state.labels() == null;
        return DataPipelines.streamed(() -> {
            ReadLog log = new ReadLog(config.data().onError());
            return ColumnPairs.stream(Path.of(""), file.toString(), layout(config.data().textOrDefaults()), "text_column",
                            config.data().textOrDefaults().textColumn(), "label_column", config.data().textOrDefaults().labelColumn(), log,
                            rowReader(file.toString(), regression, log))
                    .map(r -> encode(r, state, log)).filter(java.util.Objects::nonNull);
        }, config, part -> toDataSet(part, state), e -> e.ids().length, file);
    }

    static List<Row> readRows(Path dataDir, String name, TextDataConfig t, boolean regression, ReadLog log) {
        return ColumnPairs.read(dataDir, name, layout(t), "text_column", t.textColumn(), "label_column", t.labelColumn(), log,
                rowReader(name, regression, log));
    }

    private static ColumnPairs.Layout layout(TextDataConfig t) {
        return new ColumnPairs.Layout("data.text", t.delimiter(), t.quote(), t.header());
    }

    /** Checks one row's text and label; null when the row was rejected through {@code log}. */
    private static java.util.function.Function<ColumnPairs.Row, Row> rowReader(String name, boolean regression, ReadLog log) {
        return r -> {
            String text = r.first();
            String label = r.second().strip();
            if (text.isBlank()) {
                log.reject(name, r.line(), "empty text", "empty text; expected a text in the text column");
            } else if (label.isEmpty()) {
                log.reject(name, r.line(), "empty label", "empty label; expected a label in the label column");
            } else if (regression && !isFinite(label)) {
                log.reject(name, r.line(), "non-numeric label", "label '" + label + "' is not a finite number (output.type regression)");
            } else {
                return new Row(name, r.line(), text, label);
            }
            return null;
        };
    }

    private static boolean isFinite(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<Example> encode(List<Row> rows, TextClassificationState state, ReadLog log) {
        List<Example> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Example e = encode(r, state, log);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** One row encoded with {@code state}, or null when it was rejected through {@code log}. */
    private static Example encode(Row r, TextClassificationState state, ReadLog log) {
        List<String> tokens = state.tokens(r.text());
        int[] ids = state.encodeTokens(tokens);
        boolean truncated = state.truncates(tokens);
        if (ids.length == 0) {
            log.reject(r.file(), r.line(), "empty text", "no tokens left after tokenization");
            return null;
        }
        int[][] wordClasses = state.wordClasses(r.text(), ids.length);
        int[][] chars = state.characterIds(r.text(), ids.length);
        if (state.labels() == null) {
            return new Example(ids, wordClasses, chars, -1, Float.parseFloat(r.label()), truncated);
        }
        int label = state.labels().id(r.label());
        if (label < 0) {
            log.reject(r.file(), r.line(), "unknown label", "unknown label '" + r.label() + "'; the training split has "
                    + String.join(", ", state.labels().entries()));
            return null;
        }
        return new Example(ids, wordClasses, chars, label, 0f, truncated);
    }

    private static MultiDataSet toDataSet(List<Example> batch, TextClassificationState state) {
        List<int[]> ids = batch.stream().map(Example::ids).toList();
        INDArray labels;
        if (state.labels() == null) {
            float[] y = new float[batch.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = batch.get(i).target();
            }
            labels = Nd4j.create(y, new long[]{y.length, 1}, 'c');
        } else {
            labels = Tensors.oneHotRows(batch.stream().mapToInt(Example::label).toArray(), state.labels().size());
        }
        return state.batch(ids, batch.stream().map(Example::wordClasses).toList(), batch.stream().map(Example::chars).toList(), labels);
    }
}
