package dev.rnnkit.data;

/**
 * The batch iterators of the three splits; validation and test are null when absent.
 *
 * @param train      training batches
 * @param validation validation batches, or null
 * @param test       test batches, or null
 */
public record SplitBatches(BatchIterator<?> train, BatchIterator<?> validation, BatchIterator<?> test) {
}
