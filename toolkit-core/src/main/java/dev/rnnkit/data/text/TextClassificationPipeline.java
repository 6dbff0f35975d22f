package dev.rnnkit.data.text;

import dev.rnnkit.config.DataConfig;
import dev.rnnkit.config.OutputType;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.config.ColumnRef;
import dev.rnnkit.config.TextDataConfig;
import dev.rnnkit.data.BatchIterator;
import dev.rnnkit.data.DataFormatException;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.DelimitedLine;
import dev.rnnkit.data.PreparedData;
import dev.rnnkit.data.Preprocessing;
import dev.rnnkit.data.ReadLog;
import dev.rnnkit.data.SourceLines;
import dev.rnnkit.data.Splits;
import dev.rnnkit.data.Tensors;
import dev.rnnkit.data.Tokenizer;
import dev.rnnkit.data.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a TSV/CSV of texts and labels into padded, masked token batches (SST-2 style).
 */
public final class TextClassificationPipeline {

    /** One well-formed row. */
    record Row(String file, long line, String text, String label) {
    }

    /** One encoded example: token ids, word-feature classes [feature][token], and a class index or a regression target. */
    record Example(int[] ids, int[][] wordClasses, int label, float target) {
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
        TextClassificationState state = new TextClassificationState(config.input().type(), config.output().type(),
                d.tokenizer(), t.maxLength(), vocabulary, labels, config.input().wordFeatures());

        Splits<Example> examples = rows.map(part -> encode(part, state, log));
        log.note("vocabulary: " + vocabulary.size() + " tokens (" + counts.size() + " distinct in training)"
                + (labels == null ? "" : "; labels: " + String.join(", ", labels.entries())));
        int classes = regression ? 1 : labels.size();
        var batches = DataPipelines.batches(examples, config, part -> toDataSet(part, state),
                e -> e.ids().length, state.inputType() == dev.rnnkit.config.InputType.ONE_HOT ? vocabulary.size() : 1 + config.input().wordFeatureWidth(), classes);
        return new PreparedData(Preprocessing.of(state),
                log.summary(examples.train().size(), Splits.size(examples.validation()), Splits.size(examples.test())),
                batches, d.prefetch());
    }

    /** Every well-formed row of one labelled file, encoded with a fitted state, in file order (for evaluation). */
    public static BatchIterator<?> labelled(RnnkitConfig config, TextClassificationState state, Path file) {
        ReadLog log = new ReadLog(config.data().onError());
        boolean regression = state.labels() == null;
        List<Example> examples = encode(readRows(Path.of(""), file.toString(), config.data().textOrDefaults(), regression, log), state, log);
        return DataPipelines.inOrder(examples, config, part -> toDataSet(part, state), file);
    }

    static List<Row> readRows(Path dataDir, String name, TextDataConfig t, boolean regression, ReadLog log) {
        List<SourceLines.Line> lines = SourceLines.read(DataPipelines.resolve(dataDir, name), name, log);
        char delimiter = DelimitedLine.charOf(t.delimiter());
        char quote = DelimitedLine.charOf(t.quote());
        int first = 0;
        Integer expected = null;
        List<String> header = null;
        if (t.header()) {
            if (lines.isEmpty()) {
                throw new DataFormatException(name, 0, "the file is empty; expected a header line");
            }
            header = DelimitedLine.split(lines.get(0).text(), delimiter, quote);
            if (header == null) {
                throw new DataFormatException(name, lines.get(0).number(), "unclosed quote in the header");
            }
            expected = header.size();
            first = 1;
        }
        int textCol = column(t.textColumn(), header, name, "text_column");
        int labelCol = column(t.labelColumn(), header, name, "label_column");
        int needed = Math.max(textCol, labelCol) + 1;
        List<Row> rows = new ArrayList<>();
        for (SourceLines.Line line : lines.subList(first, lines.size())) {
            if (line.text().isEmpty()) {
                continue; // blank lines (e.g. a trailing newline) are not rows
            }
            log.rowRead();
            List<String> fields = DelimitedLine.split(line.text(), delimiter, quote);
            if (fields == null) {
                log.reject(name, line.number(), "unclosed quote", "unclosed quote");
                continue;
            }
            if (expected != null ? fields.size() != expected : fields.size() < needed) {
                log.reject(name, line.number(), "wrong column count", "expected " + (expected != null ? expected : "at least " + needed)
                        + " columns, got " + fields.size());
                continue;
            }
            String text = fields.get(textCol);
            String label = fields.get(labelCol).strip();
            if (text.isBlank()) {
                log.reject(name, line.number(), "empty text", "empty text");
            } else if (label.isEmpty()) {
                log.reject(name, line.number(), "empty label", "empty label");
            } else if (regression && !isFinite(label)) {
                log.reject(name, line.number(), "non-numeric label", "label '" + label + "' is not a finite number (output.type regression)");
            } else {
                rows.add(new Row(name, line.number(), text, label));
            }
        }
        return rows;
    }

    private static boolean isFinite(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int column(ColumnRef ref, List<String> header, String file, String key) {
        if (ref.index() != null) {
            return ref.index();
        }
        int i = header.indexOf(ref.name());
        if (i < 0) {
            throw new DataFormatException(file, 1, "no column '" + ref.name() + "' (data.text." + key + ") in the header; columns are "
                    + String.join(", ", header));
        }
        return i;
    }

    private static List<Example> encode(List<Row> rows, TextClassificationState state, ReadLog log) {
        List<Example> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            int[] ids = state.encodeText(r.text());
            if (ids.length == 0) {
                log.reject(r.file(), r.line(), "empty text", "no tokens left after tokenization");
                continue;
            }
            int[][] wordClasses = state.wordClasses(r.text(), ids.length);
            if (state.labels() == null) {
                out.add(new Example(ids, wordClasses, -1, Float.parseFloat(r.label())));
                continue;
            }
            int label = state.labels().id(r.label());
            if (label < 0) {
                log.reject(r.file(), r.line(), "unknown label", "unknown label '" + r.label() + "'; the training split has "
                        + String.join(", ", state.labels().entries()));
                continue;
            }
            out.add(new Example(ids, wordClasses, label, 0f));
        }
        return out;
    }

    private static DataSet toDataSet(List<Example> batch, TextClassificationState state) {
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
        return state.batch(ids, batch.stream().map(Example::wordClasses).toList(), labels);
    }
}
