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

/** Accuracy, per-class and macro F1 and the confusion matrix of a many-to-one classifier. */
final class ClassificationScorer implements TaskScorer {

    private final List<String> classNames;
    private final List<int[]> actual = new ArrayList<>();
    private final List<int[]> predicted = new ArrayList<>();
    private final List<double[]> probabilities = new ArrayList<>();

    ClassificationScorer(List<String> classNames) {
        this.classNames = classNames;
    }

    @Override
    public void add(MultiDataSet batch, INDArray output) {
        actual.add(ModelOutputs.argmax(batch.getLabels(0)));
        predicted.add(ModelOutputs.argmax(output));
        probabilities.addAll(Arrays.asList(ModelOutputs.probabilityRows(output, null)));
    }

    @Override
    public EvaluationResult finish(double loss) {
        ClassificationReport r = ClassificationMetrics.evaluate(flat(actual), flat(predicted),
                probabilities.toArray(double[][]::new), classNames);
        return new EvaluationResult("classification", EvaluationResult.metrics(loss, "accuracy", r.accuracy(), "f1", r.macroF1()),
                r, r.toTable(), r.confusionMatrix(), null);
    }

    static int[] flat(List<int[]> parts) {
        return parts.stream().flatMapToInt(IntStream::of).toArray();
    }
}
