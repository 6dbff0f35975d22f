package dev.rnnkit.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Iterates encoded examples in minibatches, reshuffling on every reset.
 *
 * <p>With a length function the training order is bucketed: examples are shuffled, sorted by length
 * within pools of {@value #POOL_BATCHES} batches, cut into batches, and the batches shuffled, so each batch
 * holds examples of similar length and little padding while epochs still differ.
 *
 * <p>With a {@link TokenCap} a minibatch whose padded size would exceed the cap is split, in order, into smaller
 * ones, so that batches of long documents fit in memory; without one the batches are exactly those above.
 *
 * @param <E> one encoded example
 */
public final class BatchIterator<E> implements MultiDataSetIterator {

    /** Batches per sorting pool when bucketing by length. */
    public static final int POOL_BATCHES = 50;

    private final List<E> examples;
    private final int batchSize;
    private final Function<List<E>, ? extends MultiDataSet> encoder;
    private final ToIntFunction<E> length;
    private final Random random;
    private final int inputColumns;
    private final int totalOutcomes;
    private final WordDropout wordDropout;
    private final TokenCap<? super E> tokenCap;
    private List<List<E>> batches;
    private int cursor;
    private int epoch = -1;
    private MultiDataSetPreProcessor preProcessor;

    /**
     * @param length  example length for bucketing, or null to keep batches in (shuffled) order
     * @param random  the shuffling source, or null to keep the examples in file order
     */
    public BatchIterator(List<E> examples, int batchSize, Function<List<E>, ? extends MultiDataSet> encoder,
                         ToIntFunction<E> length, Random random, int inputColumns, int totalOutcomes) {
        this(examples, batchSize, encoder, length, random, inputColumns, totalOutcomes, null);
    }

    /**
     * @param length      example length for bucketing, or null to keep batches in (shuffled) order
     * @param random      the shuffling source, or null to keep the examples in file order
     * @param wordDropout applied to each minibatch's features, or null for none (training batches only)
     */
    public BatchIterator(List<E> examples, int batchSize, Function<List<E>, ? extends MultiDataSet> encoder,
                         ToIntFunction<E> length, Random random, int inputColumns, int totalOutcomes, WordDropout wordDropout) {
        this(examples, batchSize, encoder, length, random, inputColumns, totalOutcomes, wordDropout, null);
    }

    /**
     * @param length      example length for bucketing, or null to keep batches in (shuffled) order
     * @param random      the shuffling source, or null to keep the examples in file order
     * @param wordDropout applied to each minibatch's features, or null for none (training batches only)
     * @param tokenCap    splits minibatches over a padded-token budget, or null for none
     */
    public BatchIterator(List<E> examples, int batchSize, Function<List<E>, ? extends MultiDataSet> encoder, ToIntFunction<E> length,
                         Random random, int inputColumns, int totalOutcomes, WordDropout wordDropout, TokenCap<? super E> tokenCap) {
        this.wordDropout = wordDropout;
        this.tokenCap = tokenCap;
        this.examples = List.copyOf(examples);
        this.batchSize = batchSize;
        this.encoder = encoder;
        this.length = length;
        this.random = random;
        this.inputColumns = inputColumns;
        this.totalOutcomes = totalOutcomes;
        reset();
    }

    /** The number of examples per epoch. */
    public int numExamples() {
        return examples.size();
    }

    /** The examples in their stored order. */
    public List<E> examples() {
        return examples;
    }

    /**
     * The number of minibatches in the current pass. Without a token cap it is ceil(examples / batch size); with one
     * it can be larger and, when bucketing, differ between epochs, so read it after each {@link #reset}.
     */
    public int batchCount() {
        return batches.size();
    }

    private List<List<E>> planBatches() {
        List<E> order = new ArrayList<>(examples);
        if (random != null) {
            Collections.shuffle(order, random);
        }
        if (length != null) {
            int pool = batchSize * POOL_BATCHES;
            for (int from = 0; from < order.size(); from += pool) {
                order.subList(from, Math.min(order.size(), from + pool)).sort(Comparator.comparingInt(length));
            }
        }
        List<List<E>> out = new ArrayList<>();
        cut(order, batchSize, tokenCap, out);
        if (random != null && length != null) {
            Collections.shuffle(out, random);
        }
        return out;
    }

    /** Appends {@code examples} cut, in order, into batches of {@code batchSize}, each split further by {@code tokenCap} (null: none). */
    static <E> void cut(List<E> examples, int batchSize, TokenCap<? super E> tokenCap, List<List<E>> out) {
        for (int from = 0; from < examples.size(); from += batchSize) {
            List<E> batch = examples.subList(from, Math.min(examples.size(), from + batchSize));
            if (tokenCap == null) {
                out.add(batch);
            } else {
                tokenCap.split(batch, out);
            }
        }
    }

    /**
     * A limit on the padded tokens of one minibatch (examples × the longest example's length), as fairseq's
     * {@code --max-tokens}: it bounds the memory of batches of long documents.
     *
     * @param maxTokens the most padded tokens per minibatch, at least 1
     * @param length    an example's length in steps
     * @param <E>       one encoded example
     */
    public record TokenCap<E>(int maxTokens, ToIntFunction<? super E> length) {

        public TokenCap {
            if (maxTokens < 1) {
                throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
            }
        }

        /**
         * Appends {@code batch} to {@code out} cut, in order, into the fewest consecutive runs that keep within the cap
         * (greedily: a run grows until the next example would push it over); an example longer than the cap alone
         * forms a run of one, so that no example is ever dropped.
         */
        <T extends E> void split(List<T> batch, List<List<T>> out) {
            int start = 0;
            long longest = 0;
            for (int i = 0; i < batch.size(); i++) {
                long longer = Math.max(longest, length.applyAsInt(batch.get(i)));
                if (i > start && (i - start + 1) * longer > maxTokens) {
                    out.add(batch.subList(start, i));
                    start = i;
                    longer = length.applyAsInt(batch.get(i));
                }
                longest = longer;
            }
            out.add(batch.subList(start, batch.size()));
        }
    }

    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("batch size is fixed by training.batch_size");
    }

    /** The feature channels of the first input array. */
    public int inputColumns() {
        return inputColumns;
    }

    /** The label channels (classes or regression targets). */
    public int totalOutcomes() {
        return totalOutcomes;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public void reset() {
        batches = planBatches();
        cursor = 0;
        epoch++;
    }

    /** The configured minibatch size. */
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public boolean hasNext() {
        return cursor < batches.size();
    }

    @Override
    public MultiDataSet next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException();
        }
        MultiDataSet ds = encoder.apply(batches.get(cursor));
        if (wordDropout != null) {
            wordDropout.apply(ds.getFeatures(0), epoch, cursor);
        }
        cursor++;
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }
}
