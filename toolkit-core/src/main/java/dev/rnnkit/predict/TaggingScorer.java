package dev.rnnkit.predict;

import dev.rnnkit.data.tagging.TaggingState;
import dev.rnnkit.eval.ModelOutputs;
import dev.rnnkit.eval.TagScheme;
import dev.rnnkit.eval.TaggingMetrics;
import dev.rnnkit.eval.TaggingReport;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Entity-level (conlleval) precision, recall and F1 plus token accuracy of a tagger. */
final class TaggingScorer implements TaskScorer {

    private final TaggingState state;
    private final List<List<String>> gold = new ArrayList<>();
    private final List<List<String>> predicted = new ArrayList<>();

    TaggingScorer(TaggingState state) {
        this.state = state;
    }

    @Override
    public void add(MultiDataSet batch, INDArray output) {
        INDArray mask = batch.getLabelsMaskArray(0);
        List<String> names = state.tags().entries();
        gold.addAll(ModelOutputs.names(ModelOutputs.argmaxPerStep(batch.getLabels(0), mask), names));
        predicted.addAll(ModelOutputs.names(ModelOutputs.argmaxPerStep(output, mask), names));
    }

    @Override
    public EvaluationResult finish(double loss) {
        TaggingReport r = TaggingMetrics.evaluate(gold, predicted, TagScheme.valueOf(state.scheme().name()));
        return new EvaluationResult("tagging", EvaluationResult.metrics(loss, "f1", r.micro().f1(), "token_accuracy", r.tokenAccuracy()),
                r, r.toTable() + "\n" + r.toConllevalText(), null, null);
    }
}
