package dev.rnnkit.predict;

import dev.rnnkit.eval.ClassificationMetrics;
import dev.rnnkit.eval.ClassificationReport;
import dev.rnnkit.eval.ModelOutputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Accuracy, per-class and macro F1 and the confusion matrix of a many-to-one classifier, tallied batch by batch. */
final class ClassificationScorer implements TaskScorer {

    private final ClassificationMetrics.Tally tally;

    ClassificationScorer(List<String> classNames) {
        this.tally = new ClassificationMetrics.Tally(classNames, true);
    }

    @Override
    public void add(MultiDataSet batch, INDArray output) {
        int[] actual = ModelOutputs.argmax(batch.getLabels(0));
        int[] predicted = ModelOutputs.argmax(output);
        double[][] probabilities = ModelOutputs.probabilityRows(output, null);
        for (int i = 0; i < actual.length; i++) {
            tally.add(actual[i], predicted[i], probabilities[i]);
        }
    }

    @Override
    public EvaluationResult finish(double loss) {
        ClassificationReport r = tally.report();
        return new EvaluationResult("classification", EvaluationResult.metrics(loss, "accuracy", r.accuracy(), "f1", r.macroF1()),
                r, r.toTable(), r.confusionMatrix(), null);
    }

    static int[] flat(List<int[]> parts) {
        return parts.stream().flatMapToInt(IntStream::of).toArray();
    }
}
