package dev.rnnkit.data.seq2seq;

import dev.rnnkit.config.DataConfig;
import dev.rnnkit.config.InputType;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.config.Seq2SeqDataConfig;
import dev.rnnkit.config.TokenizerConfig;
import dev.rnnkit.data.BatchIterator;
import dev.rnnkit.data.ColumnPairs;
import dev.rnnkit.data.DataFormatException;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.LinePairs;
import dev.rnnkit.data.PreparedData;
import dev.rnnkit.data.Preprocessing;
import dev.rnnkit.data.ReadLog;
import dev.rnnkit.data.Splits;
import dev.rnnkit.data.Tokenizer;
import dev.rnnkit.data.Vocabulary;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * Reads source/target pairs (a TSV/CSV, or two line-aligned files) into batches for an encoder → repeat → decoder network.
 *
 * <p>Rows are checked before anything is fitted (an empty side, or a target longer than
 * {@code output.output_length - 1} tokens, leaving room for the end token, is malformed), so a rejected row
 * never shapes a vocabulary. Source and target vocabularies are fitted on the training split only.
 */
public final class Seq2SeqPipeline {

    /** One well-formed pair, tokenised, with the target's raw text. */
    record Row(List<String> source, List<String> target, String reference) {
    }

    /**
     * One encoded example: source ids, target ids ending with the end id, and the target's raw text, which travels with
     * its batch as example metadata so that BLEU scores against the file's text rather than ids decoded back.
     */
    record Example(int[] source, int[] target, String reference) {
    }

    private Seq2SeqPipeline() {
    }

    /** Reads, splits, fits both vocabularies on the training split, and batches every split. */
    public static PreparedData prepare(RnnkitConfig config, Path dataDir) {
        DataConfig d = config.data();
        Seq2SeqDataConfig s = d.seq2seqOrDefaults();
        TokenizerConfig sourceTokenizer = s.sourceTokenizerOr(d.tokenizer());
        TokenizerConfig targetTokenizer = s.targetTokenizerOr(d.tokenizer());
        int outputLength = config.output().outputLength();
        ReadLog log = new ReadLog(d.onError());
        Splits<Row> rows = Splits.read(d, name -> readRows(dataDir, name, s, sourceTokenizer, targetTokenizer, outputLength, log),
                false, config.seed());

        Map<String, Integer> sourceCounts = count(rows.train(), Row::source);
        Map<String, Integer> targetCounts = count(rows.train(), Row::target);
        int minFreq = d.vocabulary().minFreq();
        Vocabulary target;
        Vocabulary source;
        if (s.sharedVocabulary()) {
            // One vocabulary over both sides: the target's reserved ids first, so that it is also a valid target vocabulary.
            Map<String, Integer> both = new HashMap<>(sourceCounts);
            targetCounts.forEach((token, n) -> both.merge(token, n, Integer::sum));
            target = Vocabulary.ofTokens(Seq2SeqState.TARGET_RESERVED, both, targetLimit(config), minFreq);
            source = target;
        } else {
            source = Vocabulary.ofTokens(sourceCounts, DataPipelines.vocabularyLimit(config), minFreq);
            target = Vocabulary.ofTokens(Seq2SeqState.TARGET_RESERVED, targetCounts, targetLimit(config), minFreq);
        }
        if (config.input().type() == InputType.ONE_HOT) {
            requireSize(d.train(), "input.vocab_size", config.input().vocabSize(), source.size(), "source tokens",
                    "one_hot features are as wide as the source vocabulary");
        }
        requireSize(d.train(), "output.num_classes", config.output().numClasses(), target.size(), "target tokens",
                "the labels are as wide as the target vocabulary");
        Seq2SeqState state = new Seq2SeqState(config.input().type(), sourceTokenizer, targetTokenizer, s.maxLength(),
                outputLength, source, target, config.output().attentionDecoder());

        Splits<Example> examples = rows.map(part -> part.stream()
                .map(r -> example(r, state)).toList());
        log.note("source vocabulary: " + source.size() + " tokens (" + sourceCounts.size() + " distinct in training); "
                + "target vocabulary: " + target.size() + " tokens (" + targetCounts.size() + " distinct in training, "
                + Seq2SeqState.END + " ends every target)");
        var batches = DataPipelines.batches(examples, config, part -> toDataSet(part, state), e -> e.source().length,
                state.inputType() == InputType.ONE_HOT ? source.size() : 1, target.size());
        return new PreparedData(Preprocessing.of(state),
                log.summary(examples.train().size(), Splits.size(examples.validation()), Splits.size(examples.test())),
                batches, d.prefetch());
    }

    /** Every well-formed pair of one labelled file, encoded with a fitted state, batched by length (for evaluation). */
    public static org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator labelled(RnnkitConfig config, Seq2SeqState state, Path file) {
        return DataPipelines.streamed(() -> rows(Path.of(""), file.toString(), config.data().seq2seqOrDefaults(), state.sourceTokenizer(),
                        state.targetTokenizer(), state.outputLength(), new ReadLog(config.data().onError()))
                        .map(r -> example(r, state)),
                config, part -> toDataSet(part, state), e -> e.source().length, file);
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

    /**
     * A configured size must be the vocabulary's: one-hot features and labels are as wide as the vocabulary,
     * and a mismatch would otherwise surface as a shape error deep inside DL4J.
     */
    private static void requireSize(String file, String key, Integer configured, int fitted, String what, String why) {
        if (configured != null && configured != fitted) {
            throw new DataFormatException(file, 0, "the training split gives " + fitted + " " + what + " (reserved ids included) but "
                    + key + " is " + configured + "; " + why + ": omit " + key + " or set it to " + fitted);
        }
    }

    private static List<Row> readRows(Path dataDir, String name, Seq2SeqDataConfig s, TokenizerConfig sourceTokenizer,
                                      TokenizerConfig targetTokenizer, int outputLength, ReadLog log) {
        try (java.util.stream.Stream<Row> rows = rows(dataDir, name, s, sourceTokenizer, targetTokenizer, outputLength, log)) {
            return rows.collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        }
    }

    /**
     * The well-formed pairs of {@code name}, read one line at a time (close the stream to close the file): the rows of a
     * delimited file, or with {@code source_lang}/{@code target_lang} the lines of {@code name.<source_lang>} beside
     * {@code name.<target_lang>}.
     */
    private static java.util.stream.Stream<Row> rows(Path dataDir, String name, Seq2SeqDataConfig s, TokenizerConfig sourceTokenizer,
                                                     TokenizerConfig targetTokenizer, int outputLength, ReadLog log) {
        Tokenizer sources = new Tokenizer(sourceTokenizer);
        Tokenizer targets = new Tokenizer(targetTokenizer);
        List<String> files = s.files(name);
        // A rejection names the file holding the side at fault (both are the one file of a delimited file).
        String sourceFile = files.get(0);
        String targetFile = files.get(files.size() - 1);
        Function<ColumnPairs.Row, Row> convert = r -> {
            List<String> source = sources.tokenize(r.first());
            List<String> target = targets.tokenize(r.second());
            if (source.isEmpty()) {
                log.reject(sourceFile, r.line(), "empty source", "empty source (no tokens)");
            } else if (target.isEmpty()) {
                log.reject(targetFile, r.line(), "empty target", "empty target (no tokens)");
            } else if (target.size() >= outputLength) {
                log.reject(targetFile, r.line(), "target too long", "target has " + target.size() + " tokens; output.output_length "
                        + outputLength + " allows at most " + (outputLength - 1) + " plus " + Seq2SeqState.END);
            } else {
                return new Row(source, target, r.second());
            }
            return null;
        };
        if (s.lineAligned()) {
            return LinePairs.stream(dataDir, sourceFile, targetFile, log, convert);
        }
        ColumnPairs.Layout layout = new ColumnPairs.Layout("data.seq2seq", s.delimiter(), s.quote(), s.header());
        return ColumnPairs.stream(dataDir, name, layout, "source_column", s.sourceColumn(), "target_column", s.targetColumn(), log, convert);
    }

    private static Map<String, Integer> count(List<Row> rows, Function<Row, List<String>> side) {
        Map<String, Integer> counts = new HashMap<>();
        for (Row r : rows) {
            for (String token : side.apply(r)) {
                counts.merge(token, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static Example example(Row r, Seq2SeqState state) {
        return new Example(state.encodeSourceTokens(r.source()), state.encodeTargetTokens(r.target()), r.reference());
    }

    /** The batch's tensors, with each example's raw target as its metadata, in batch order. */
    private static MultiDataSet toDataSet(List<Example> batch, Seq2SeqState state) {
        MultiDataSet ds = state.batch(batch.stream().map(Example::source).toList(), batch.stream().map(Example::target).toList());
        ds.setExampleMetaData(batch.stream().map(Example::reference).toList());
        return ds;
    }
}
