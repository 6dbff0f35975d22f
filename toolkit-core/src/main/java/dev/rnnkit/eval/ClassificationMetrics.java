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
        ConfusionMatrix cm = ConfusionMatrix.tally(actual, predicted, classNames);

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
        Double logLoss = probabilities == null ? null : logLoss(actual, probabilities, k);
        return new ClassificationReport(actual.length, (double) correct / actual.length,
                macroSum / macroClasses, weightedSum / actual.length, logLoss, perClass, cm);
    }

    private static double logLoss(int[] actual, double[][] probabilities, int k) {
        if (probabilities.length != actual.length) {
            throw new IllegalArgumentException("probabilities has " + probabilities.length + " rows but there are " + actual.length + " labels");
        }
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            if (probabilities[i].length != k) {
                throw new IllegalArgumentException("probabilities row " + i + " has " + probabilities[i].length + " values, expected " + k);
            }
            sum -= Math.log(Math.max(probabilities[i][actual[i]], MIN_PROBABILITY));
        }
        return sum / actual.length;
    }

    private static void checkIds(String what, int[] ids, int k) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= k) {
                throw new IllegalArgumentException(what + "[" + i + "] = " + ids[i] + " is not a class id (expected 0.." + (k - 1) + ")");
            }
        }
    }
}
