package dev.rnnkit.model;

import java.util.List;

/**
 * How often each class is the label of a training example (tagging: of a real, unmasked token).
 *
 * @param names  the class names in label order (index i is class i)
 * @param counts the training count of each class, aligned with {@code names}
 */
public record ClassCounts(List<String> names, List<Long> counts) {

    public ClassCounts {
        names = List.copyOf(names);
        counts = List.copyOf(counts);
        if (names.size() != counts.size()) {
            throw new IllegalArgumentException(names.size() + " class names but " + counts.size() + " counts");
        }
    }

    /** Counts the class ids of the training labels; ids are indices into {@code names}. */
    public static ClassCounts of(List<String> names, java.util.stream.IntStream classIds) {
        long[] counts = new long[names.size()];
        classIds.forEach(id -> counts[id]++);
        return new ClassCounts(names, java.util.Arrays.stream(counts).boxed().toList());
    }

    /** Training labels of all classes together. */
    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
