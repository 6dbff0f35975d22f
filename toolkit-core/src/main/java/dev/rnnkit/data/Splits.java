package dev.rnnkit.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The train, validation and test parts of a data set; validation and test are null when absent.
 *
 * @param <T> one row or example
 */
public record Splits<T>(List<T> train, List<T> validation, List<T> test) {

    /**
     * A seeded random split: {@code validationFraction} and {@code testFraction} of the rows are held out;
     * the training rows keep their file order.
     */
    public static <T> Splits<T> random(List<T> rows, double validationFraction, double testFraction, long seed) {
        int n = rows.size();
        int nVal = (int) Math.round(n * validationFraction);
        int nTest = (int) Math.round(n * testFraction);
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        boolean[] heldOut = new boolean[n];
        List<T> validation = pick(rows, order.subList(0, nVal), heldOut);
        List<T> test = pick(rows, order.subList(nVal, nVal + nTest), heldOut);
        List<T> train = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!heldOut[i]) {
                train.add(rows.get(i));
            }
        }
        return new Splits<>(train, validationFraction > 0 ? validation : null, testFraction > 0 ? test : null);
    }

    /** A chronological split: validation then test are taken from the end, in order. */
    public static <T> Splits<T> tail(List<T> rows, double validationFraction, double testFraction) {
        int n = rows.size();
        int nTest = (int) Math.round(n * testFraction);
        int nVal = (int) Math.round(n * validationFraction);
        int trainEnd = n - nTest - nVal;
        return new Splits<>(rows.subList(0, trainEnd),
                validationFraction > 0 ? rows.subList(trainEnd, n - nTest) : null,
                testFraction > 0 ? rows.subList(n - nTest, n) : null);
    }

    private static <T> List<T> pick(List<T> rows, List<Integer> indices, boolean[] heldOut) {
        List<Integer> sorted = new ArrayList<>(indices);
        Collections.sort(sorted);
        List<T> out = new ArrayList<>();
        for (int i : sorted) {
            heldOut[i] = true;
            out.add(rows.get(i));
        }
        return out;
    }

    /**
     * Reads the configured files: validation and test come from their own files when given, otherwise
     * the configured fractions are held out of the training file (chronologically or by seeded random rows).
     *
     * @param reader reads the rows of one file named as in the config
     */
    public static <T> Splits<T> read(dev.rnnkit.config.DataConfig d, java.util.function.Function<String, List<T>> reader,
                                     boolean chronological, long seed) {
        List<T> all = reader.apply(d.train());
        if (all.isEmpty()) {
            // Said here, about this file: otherwise the first complaint is a validation row the empty training set cannot explain.
            throw new DataFormatException(d.train(), 0, "holds no training examples (an empty file, a header only, or every row "
                    + "skipped by on_error: skip); nothing can be trained from it");
        }
        double v = d.validation() == null ? d.validationSplit() : 0;
        double t = d.test() == null ? d.testSplit() : 0;
        Splits<T> held = chronological ? tail(all, v, t) : random(all, v, t, seed);
        List<T> validation = d.validation() != null ? reader.apply(d.validation()) : held.validation();
        List<T> test = d.test() != null ? reader.apply(d.test()) : held.test();
        return new Splits<>(held.train(), validation, test);
    }

    /** The number of rows in a part, 0 when it is absent. */
    public static long size(List<?> part) {
        return part == null ? 0 : part.size();
    }

    /** Applies a function to each present part. */
    public <U> Splits<U> map(java.util.function.Function<List<T>, List<U>> f) {
        return new Splits<>(f.apply(train), validation == null ? null : f.apply(validation), test == null ? null : f.apply(test));
    }
}
