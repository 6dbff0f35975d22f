package dev.rnnkit.data;

import dev.rnnkit.config.DataFamily;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.generation.GenerationPipeline;
import dev.rnnkit.data.seq2seq.Seq2SeqPipeline;
import dev.rnnkit.data.tagging.TaggingPipeline;
import dev.rnnkit.data.text.TextClassificationPipeline;
import dev.rnnkit.data.timeseries.TimeSeriesPipeline;
import java.nio.file.Path;

/**
 * Entry point: reads the files of a config's {@code data} section into batches and a preprocessing artefact.
 */
public final class DataPipelines {

    private DataPipelines() {
    }

    /**
     * Reads, splits and fits the data of {@code config} (paths relative to {@code dataDir}).
     *
     * @throws DataFormatException for a file that cannot be read as configured ({@code file:line: reason})
     * @throws IllegalArgumentException when the config has no data section or no pipeline for its types
     */
    public static PreparedData prepare(RnnkitConfig config, Path dataDir) {
        if (config.data() == null) {
            throw new IllegalArgumentException("the config has no data section");
        }
        return switch (familyOf(config)) {
            case TEXT_CLASSIFICATION -> TextClassificationPipeline.prepare(config, dataDir);
            case TAGGING -> TaggingPipeline.prepare(config, dataDir);
            case TIME_SERIES -> TimeSeriesPipeline.prepare(config, dataDir);
            case GENERATION -> GenerationPipeline.prepare(config, dataDir);
            case SEQ2SEQ -> Seq2SeqPipeline.prepare(config, dataDir);
        };
    }

    /**
     * Notes the class weights of {@code output.class_weights} resolved against the training labels, if any; resolving
     * them here reports a label the data does not have before a run starts.
     *
     * @throws dev.rnnkit.model.ModelBuildException when the weights do not fit the data's classes
     */
    public static void noteClassWeights(RnnkitConfig config, dev.rnnkit.model.DataShape shape, ReadLog log) {
        dev.rnnkit.model.LossWeights.describe(config, shape).ifPresent(log::note);
    }

    /** The pipeline a (validated) config needs. */
    public static DataFamily familyOf(RnnkitConfig config) {
        return DataFamily.of(config.input().type(), config.output().type()).orElseThrow(() -> new IllegalArgumentException(
                "no data pipeline reads input.type " + config.input().type().yamlName() + " for output.type "
                        + config.output().type().yamlName()));
    }

    /**
     * The batch iterators of each split: the training one shuffled and optionally bucketed by length; validation and
     * test sorted by length (within pools of {@value BatchIterator#POOL_BATCHES} batches) when examples have one.
     *
     * <p>Sorting evaluation batches keeps padding, and so wasted computation, near zero. (rnnkit's cells mask
     * exactly, so scores no longer depend on which examples share a batch; models saved with DL4J's LSTM, whose
     * backward direction reads the end padding inside a bidirectional layer, still benefit.)
     */
    public static <E> SplitBatches batches(Splits<E> examples, RnnkitConfig config,
                                                       java.util.function.Function<java.util.List<E>, ? extends org.nd4j.linalg.dataset.api.MultiDataSet> encoder,
                                                       java.util.function.ToIntFunction<E> length, int inputColumns, int totalOutcomes) {
        // An empty split found here, before training, names its source; later it would be "0 minibatches" or a lost epoch.
        requireExamples(examples.validation(), "validation", config.data().validation());
        requireExamples(examples.test(), "test", config.data().test());
        int batch = config.training().batchSize();
        boolean bucket = length != null && config.data().bucketByLength();
        java.util.Random random = config.data().shuffle() ? new java.util.Random(config.seed()) : null;
        double rate = config.input().wordDropout();
        WordDropout wordDropout = rate > 0 ? new WordDropout(rate, config.seed()) : null;
        BatchIterator.TokenCap<E> cap = tokenCap(config, length);
        BatchIterator<E> train = new BatchIterator<>(examples.train(), batch, encoder, bucket ? length : null, random, inputColumns,
                totalOutcomes, wordDropout, cap);
        return new SplitBatches(train,
                examples.validation() == null ? null
                        : new BatchIterator<>(examples.validation(), batch, encoder, length, null, inputColumns, totalOutcomes, null, cap),
                examples.test() == null ? null
                        : new BatchIterator<>(examples.test(), batch, encoder, length, null, inputColumns, totalOutcomes, null, cap));
    }

    private static void requireExamples(java.util.List<?> split, String name, String file) {
        if (split != null && split.isEmpty()) {
            throw new DataFormatException(file != null ? file : "data." + name + "_split", 0, "gives no " + name + " examples; "
                    + (file != null ? "the file has no usable rows" : "hold out more of the training data, or give data." + name + " a file"));
        }
    }

    /**
     * The {@code training.max_batch_tokens} cap, or null when it is unset or examples have no length (fixed-length
     * windows, which {@code batch_size} alone bounds).
     */
    private static <E> BatchIterator.TokenCap<E> tokenCap(RnnkitConfig config, java.util.function.ToIntFunction<E> length) {
        Integer max = config.training().maxBatchTokens();
        return max == null || length == null ? null : new BatchIterator.TokenCap<>(max, length);
    }

    /**
     * Reads one labelled file (or folder, for generation) with an already fitted preprocessing state, e.g. to
     * evaluate a saved model on new data; malformed rows follow {@code data.on_error}. Text files (text
     * classification, tagging, seq2seq, generation) and time series are read as the batches are needed
     * ({@link StreamingBatches}), in memory that does not grow with the file (a series' windows keep a rolling buffer of
     * the rows they need).
     *
     * @throws DataFormatException for a file that cannot be read as configured
     */
    public static org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator labelled(RnnkitConfig config, Preprocessing artefact, Path file) {
        return switch (artefact.family()) {
            case TEXT_CLASSIFICATION -> TextClassificationPipeline.labelled(config, artefact.textClassification(), file);
            case TAGGING -> TaggingPipeline.labelled(config, artefact.tagging(), file);
            case TIME_SERIES -> TimeSeriesPipeline.labelled(config, artefact.timeSeries(), file);
            case GENERATION -> GenerationPipeline.labelled(config, artefact.generation(), file);
            case SEQ2SEQ -> Seq2SeqPipeline.labelled(config, artefact.seq2seq(), file);
        };
    }

    /** What a file to evaluate must hold, for the message when it holds nothing usable. */
    private static String expectedExamples(RnnkitConfig config) {
        dev.rnnkit.config.TimeSeriesDataConfig s = config.data() != null ? config.data().timeSeries() : null;
        if (s != null) {
            Integer horizon = config.output().horizon();
            return "a window needs lookback " + s.lookback() + (horizon != null ? " plus horizon " + horizon : "")
                    + " complete rows (more history when data.time_series.season exceeds the lookback)";
        }
        return "expected at least one labelled example in the format of the model's config";
    }

    /** Unshuffled batches of examples read from {@code file} in file order; an empty list is an error naming the file. */
    public static <E> BatchIterator<E> inOrder(java.util.List<E> examples, RnnkitConfig config,
                                               java.util.function.Function<java.util.List<E>, ? extends org.nd4j.linalg.dataset.api.MultiDataSet> encoder, Path file) {
        return forEvaluation(examples, config, encoder, null, file);
    }

    /**
     * Batches of the examples {@code source} reads from {@code file}, read a pool at a time and sorted by {@code length}
     * within it (see {@link StreamingBatches}); a file without a usable example is an error naming it.
     */
    public static <E> StreamingBatches<E> streamed(java.util.function.Supplier<java.util.stream.Stream<E>> source, RnnkitConfig config,
                                                   java.util.function.Function<java.util.List<E>, ? extends org.nd4j.linalg.dataset.api.MultiDataSet> encoder,
                                                   java.util.function.ToIntFunction<E> length, Path file) {
        return streamed(source, config, encoder, length, file, "holds no usable examples; " + expectedExamples(config));
    }

    /** As {@link #streamed(java.util.function.Supplier, RnnkitConfig, java.util.function.Function, java.util.function.ToIntFunction, Path)}, with the reason given when the file yields no example. */
    public static <E> StreamingBatches<E> streamed(java.util.function.Supplier<java.util.stream.Stream<E>> source, RnnkitConfig config,
                                                   java.util.function.Function<java.util.List<E>, ? extends org.nd4j.linalg.dataset.api.MultiDataSet> encoder,
                                                   java.util.function.ToIntFunction<E> length, Path file, String whenEmpty) {
        return new StreamingBatches<>(source, config.training().batchSize(), encoder, length, tokenCap(config, length), file, whenEmpty);
    }

    /**
     * Unshuffled batches of examples read from {@code file} for scoring, sorted by {@code length} (null: file order) as
     * in {@link #batches}; an empty list is an error naming the file.
     */
    public static <E> BatchIterator<E> forEvaluation(java.util.List<E> examples, RnnkitConfig config,
                                                     java.util.function.Function<java.util.List<E>, ? extends org.nd4j.linalg.dataset.api.MultiDataSet> encoder,
                                                     java.util.function.ToIntFunction<E> length, Path file) {
        if (examples.isEmpty()) {
            throw new DataFormatException(file.toString(), 0, "holds no usable examples; " + expectedExamples(config));
        }
        org.nd4j.linalg.dataset.api.MultiDataSet first = encoder.apply(examples.subList(0, 1));
        return new BatchIterator<>(examples, config.training().batchSize(), encoder, length, null,
                (int) first.getFeatures(0).size(1), (int) first.getLabels(0).size(1), null, tokenCap(config, length));
    }

    /**
     * The most tokens a vocabulary may keep besides padding and unknown: {@code data.vocabulary.max_size},
     * else {@code input.vocab_size - 2} so that ids fit a fixed embedding, else no limit (null).
     */
    public static Integer vocabularyLimit(RnnkitConfig config) {
        Integer maxSize = config.data().vocabulary().maxSize();
        if (maxSize != null) {
            return maxSize;
        }
        return config.input().vocabSize() == null ? null : config.input().vocabSize() - 2;
    }

    /** A config path resolved against the data directory. */
    public static Path resolve(Path dataDir, String name) {
        return dataDir.resolve(name);
    }
}
