package dev.rnnkit.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes accuracy, per-class precision/recall/F1, macro and weighted F1 and the confusion matrix.
 *
 * <p>Takes class ids ({@code 0 .. classNames.size()-1}); {@link ModelOutputs} gets them from network
 * outputs. Probabilities, when given, add the log loss.
 */
public final class ClassificationMetrics {

    /** Probabilities below this count as this, so one confident miss gives a large but finite loss. */
    static final double MIN_PROBABILITY = 1e-15;

    private ClassificationMetrics() {
    }

    /** Scores predicted ids against actual ids. */
    public static ClassificationReport evaluate(int[] actual, int[] predicted, List<String> classNames) {
        return evaluate(actual, predicted, null, classNames);
    }

    /**
     * Scores predicted ids against actual ids; with {@code probabilities} ({@code [examples][classes]})
     * the report also carries the log loss.
     *
     * @throws IllegalArgumentException when lengths differ, there are no examples or an id is out of range
     */
    public static ClassificationReport evaluate(int[] actual, int[] predicted, double[][] probabilities, List<String> classNames) {
        int k = classNames.size();
        if (k == 0) {
            throw new IllegalArgumentException("class_names is empty");
        }
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("actual has " + actual.length + " labels but predicted has " + predicted.length);
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("no examples to evaluate");
        }
        checkIds("actual", actual, k);
        checkIds("predicted", predicted, k);
        if (probabilities != null && probabilities.length != actual.length) {
            throw new IllegalArgumentException("probabilities has " + probabilities.length + " rows but there are " + actual.length + " labels");
        }
        Tally tally = new Tally(classNames, probabilities != null);
        for (int i = 0; i < actual.length; i++) {
            if (probabilities != null && probabilities[i].length != k) {
                throw new IllegalArgumentException("probabilities row " + i + " has " + probabilities[i].length + " values, expected " + k);
            }
            tally.add(actual[i], predicted[i], probabilities == null ? null : probabilities[i]);
        }
        return tally.report();
    }

    /**
     * Counts (actual, predicted) pairs and the log loss one example at a time, so that a file of any size is scored
     * in memory that depends only on the number of classes.
     */
    public static final class Tally {

        private final List<String> classNames;
        private final long[][] counts;
        private final boolean withLogLoss;
        private double logLossSum;
        private long examples;

        /** @param withLogLoss whether every example comes with its probabilities */
        public Tally(List<String> classNames, boolean withLogLoss) {
            if (classNames.isEmpty()) {
                throw new IllegalArgumentException("class_names is empty");
            }
            this.classNames = List.copyOf(classNames);
            this.counts = new long[classNames.size()][classNames.size()];
            this.withLogLoss = withLogLoss;
        }

        /** Adds one example; {@code probabilities} (one per class) is required when the tally keeps the log loss. */
        public void add(int actual, int predicted, double[] probabilities) {
            counts[actual][predicted]++;
            examples++;
            if (withLogLoss) {
                logLossSum -= Math.log(Math.max(probabilities[actual], MIN_PROBABILITY));
            }
        }

        /**
         * The scores of everything added.
         *
         * @throws IllegalArgumentException when nothing was added
         */
        public ClassificationReport report() {
            if (examples == 0) {
                throw new IllegalArgumentException("no examples to evaluate");
            }
            int k = classNames.size();
            List<List<Long>> rows = new ArrayList<>();
            for (long[] row : counts) {
                rows.add(java.util.Arrays.stream(row).boxed().toList());
            }
            ConfusionMatrix cm = new ConfusionMatrix(classNames, rows);
            List<ClassScores> perClass = new ArrayList<>(k);
            long correct = 0;
            double macroSum = 0;
            int macroClasses = 0;
            double weightedSum = 0;
            for (int c = 0; c < k; c++) {
                long tp = cm.count(c, c);
                long support = 0;
                long predictedCount = 0;
                for (int o = 0; o < k; o++) {
                    support += cm.count(c, o);
                    predictedCount += cm.count(o, c);
                }
                ClassScores s = ClassScores.of(classNames.get(c), tp, predictedCount, support);
                perClass.add(s);
                correct += tp;
                // Like scikit-learn without an explicit label list: classes absent from both sides do not dilute the mean.
                if (support > 0 || predictedCount > 0) {
                    macroSum += s.f1();
                    macroClasses++;
                }
                weightedSum += s.f1() * support;
            }
            Double logLoss = withLogLoss ? logLossSum / examples : null;
            return new ClassificationReport(examples, (double) correct / examples,
                    macroSum / macroClasses, weightedSum / examples, logLoss, perClass, cm);
        }
    }

    private static void checkIds(String what, int[] ids, int k) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= k) {
                throw new IllegalArgumentException(what + "[" + i + "] = " + ids[i] + " is not a class id (expected 0.." + (k - 1) + ")");
            }
        }
    }
}
