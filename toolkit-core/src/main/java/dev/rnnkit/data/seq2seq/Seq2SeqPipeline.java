package dev.rnnkit.data.seq2seq;

import dev.rnnkit.config.DataConfig;
import dev.rnnkit.config.InputType;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.config.Seq2SeqDataConfig;
import dev.rnnkit.config.TokenizerConfig;
import dev.rnnkit.data.ColumnPairs;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.PreparedData;
import dev.rnnkit.data.Preprocessing;
import dev.rnnkit.data.ReadLog;
import dev.rnnkit.data.Splits;
import dev.rnnkit.data.Tokenizer;
import dev.rnnkit.data.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a TSV/CSV of source/target pairs into batches for an encoder → repeat → decoder network.
 *
 * <p>Source and target vocabularies are fitted on the training split only; a target longer than
 * {@code output.output_length - 1} tokens (room for the end token) is a malformed row.
 */
public final class Seq2SeqPipeline {

    /** One encoded example: source ids, and target ids ending with the end id. */
    record Example(int[] source, int[] target) {
    }

    private Seq2SeqPipeline() {
    }

    /** Reads, splits, fits both vocabularies on the training split, and batches every split. */
    public static PreparedData prepare(RnnkitConfig config, Path dataDir) {
        DataConfig d = config.data();
        Seq2SeqDataConfig s = d.seq2seqOrDefaults();
        ReadLog log = new ReadLog(d.onError());
        ColumnPairs.Layout layout = new ColumnPairs.Layout("data.seq2seq", s.delimiter(), s.quote(), s.header());
        Splits<ColumnPairs.Row> rows = Splits.read(d, name -> ColumnPairs.read(dataDir, name, layout,
                "source_column", s.sourceColumn(), "target_column", s.targetColumn(), log), false, config.seed());

        TokenizerConfig sourceTokenizer = s.sourceTokenizerOr(d.tokenizer());
        TokenizerConfig targetTokenizer = s.targetTokenizerOr(d.tokenizer());
        Map<String, Integer> sourceCounts = count(rows.train(), ColumnPairs.Row::first, sourceTokenizer);
        Map<String, Integer> targetCounts = count(rows.train(), ColumnPairs.Row::second, targetTokenizer);
        int minFreq = d.vocabulary().minFreq();
        Vocabulary source = Vocabulary.ofTokens(sourceCounts, DataPipelines.vocabularyLimit(config), minFreq);
        Vocabulary target = Vocabulary.ofTokens(Seq2SeqState.TARGET_RESERVED, targetCounts, targetLimit(config), minFreq);
        Seq2SeqState state = new Seq2SeqState(config.input().type(), sourceTokenizer, targetTokenizer, s.maxLength(),
                config.output().outputLength(), source, target);

        Splits<Example> examples = rows.map(part -> encode(part, state, log));
        log.note("source vocabulary: " + source.size() + " tokens (" + sourceCounts.size() + " distinct in training); "
                + "target vocabulary: " + target.size() + " tokens (" + targetCounts.size() + " distinct in training, "
                + Seq2SeqState.END + " appended to every target)");
        var batches = DataPipelines.batches(examples, config, part -> toDataSet(part, state), e -> e.source().length,
                state.inputType() == InputType.ONE_HOT ? source.size() : 1, target.size());
        return new PreparedData(Preprocessing.of(state),
                log.summary(examples.train().size(), Splits.size(examples.validation()), Splits.size(examples.test())),
                batches, d.prefetch());
    }

    /** The most target tokens besides the reserved three: {@code data.vocabulary.max_size}, else {@code output.num_classes - 3}. */
    static Integer targetLimit(RnnkitConfig config) {
        Integer maxSize = config.data().vocabulary().maxSize();
        if (maxSize != null) {
            return maxSize;
        }
        Integer classes = config.output().numClasses();
        return classes == null ? null : classes - Seq2SeqState.TARGET_RESERVED.size();
    }

    private static Map<String, Integer> count(List<ColumnPairs.Row> rows, Function<ColumnPairs.Row, String> side, TokenizerConfig settings) {
        Tokenizer tokenizer = new Tokenizer(settings);
        Map<String, Integer> counts = new HashMap<>();
        for (ColumnPairs.Row r : rows) {
            for (String token : tokenizer.tokenize(side.apply(r))) {
                counts.merge(token, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static List<Example> encode(List<ColumnPairs.Row> rows, Seq2SeqState state, ReadLog log) {
        List<Example> out = new ArrayList<>(rows.size());
        for (ColumnPairs.Row r : rows) {
            int[] source = state.encodeSource(r.first());
            int[] target = state.encodeTarget(r.second());
            if (source.length == 0) {
                log.reject(r.file(), r.line(), "empty source", "empty source (no tokens)");
            } else if (target.length == 1) {
                log.reject(r.file(), r.line(), "empty target", "empty target (no tokens)");
            } else if (target.length > state.outputLength()) {
                log.reject(r.file(), r.line(), "target too long", "target has " + (target.length - 1) + " tokens; output.output_length "
                        + state.outputLength() + " allows at most " + (state.outputLength() - 1) + " plus " + Seq2SeqState.END);
            } else {
                out.add(new Example(source, target));
            }
        }
        return out;
    }

    private static org.nd4j.linalg.dataset.DataSet toDataSet(List<Example> batch, Seq2SeqState state) {
        return state.batch(batch.stream().map(Example::source).toList(), batch.stream().map(Example::target).toList());
    }
}
