package dev.rnnkit.data;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Batches examples read from a file as they are needed, so that evaluating a file of any size takes the memory of one
 * pool of examples rather than of the whole file.
 *
 * <p>Examples are read {@value BatchIterator#POOL_BATCHES} batches at a time; each pool is sorted by length and cut
 * into batches (split further by a {@link BatchIterator.TokenCap}) exactly as {@link BatchIterator} cuts evaluation
 * batches, so that little padding is computed. Every {@link #reset} reads the file again from its start.
 *
 * @param <E> one encoded example
 */
public final class StreamingBatches<E> implements MultiDataSetIterator {

    private final Supplier<Stream<E>> source;
    private final int batchSize;
    private final Function<List<E>, ? extends MultiDataSet> encoder;
    private final ToIntFunction<E> length;
    private final BatchIterator.TokenCap<? super E> tokenCap;
    private final Deque<List<E>> pending = new ArrayDeque<>();
    private Stream<E> open;
    private Iterator<E> examples;
    private MultiDataSetPreProcessor preProcessor;

    /**
     * Opens the source once to check that it holds an example.
     *
     * @param source   opens the file's examples from the start (closing the stream closes the file)
     * @param length   an example's length for sorting within a pool, or null to keep file order
     * @param tokenCap splits batches over a padded-token budget, or null for none
     * @param file      the file, named when it holds no usable example
     * @param whenEmpty the reason given when it holds none, e.g. "holds no usable examples"
     * @throws DataFormatException when the file holds no usable example
     */
    public StreamingBatches(Supplier<Stream<E>> source, int batchSize, Function<List<E>, ? extends MultiDataSet> encoder,
                            ToIntFunction<E> length, BatchIterator.TokenCap<? super E> tokenCap, Path file, String whenEmpty) {
        this.source = source;
        this.batchSize = batchSize;
        this.encoder = encoder;
        this.length = length;
        this.tokenCap = tokenCap;
        reset();
        if (!hasNext()) {
            close();
            throw new DataFormatException(file.toString(), 0, whenEmpty);
        }
    }

    @Override
    public void reset() {
        close();
        pending.clear();
        open = source.get();
        examples = open.iterator();
    }

    /** Closes the file; a later {@link #reset} opens it again. */
    public void close() {
        if (open != null) {
            open.close();
            open = null;
            examples = null;
        }
    }

    @Override
    public boolean hasNext() {
        if (pending.isEmpty() && examples != null) {
            fillPool();
        }
        return !pending.isEmpty();
    }

    private void fillPool() {
        List<E> pool = new ArrayList<>(batchSize * BatchIterator.POOL_BATCHES);
        while (pool.size() < batchSize * BatchIterator.POOL_BATCHES && examples.hasNext()) {
            pool.add(examples.next());
        }
        if (pool.isEmpty()) {
            close();
            return;
        }
        if (length != null) {
            pool.sort(Comparator.comparingInt(length));
        }
        List<List<E>> batches = new ArrayList<>();
        BatchIterator.cut(pool, batchSize, tokenCap, batches);
        pending.addAll(batches);
    }

    @Override
    public MultiDataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        MultiDataSet ds = encoder.apply(pending.poll());
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("batch size is fixed by training.batch_size");
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }
}
