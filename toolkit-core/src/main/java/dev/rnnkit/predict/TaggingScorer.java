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
    private final TaggingMetrics.Tally tally;

    TaggingScorer(TaggingState state) {
        this.state = state;
        this.tally = new TaggingMetrics.Tally(TagScheme.valueOf(state.scheme().name()));
    }

    @Override
    public void add(MultiDataSet batch, INDArray output) {
        INDArray mask = batch.getLabelsMaskArray(0);
        List<String> names = state.tags().entries();
        List<List<String>> gold = ModelOutputs.names(ModelOutputs.argmaxPerStep(batch.getLabels(0), mask), names);
        List<List<String>> predicted = ModelOutputs.names(ModelOutputs.argmaxPerStep(output, mask), names);
        for (int i = 0; i < gold.size(); i++) {
            tally.add(gold.get(i), predicted.get(i));
        }
    }

    @Override
    public EvaluationResult finish(double loss) {
        TaggingReport r = tally.report();
        return new EvaluationResult("tagging", EvaluationResult.metrics(loss, "f1", r.micro().f1(), "token_accuracy", r.tokenAccuracy()),
                r, r.toTable() + "\n" + r.toConllevalText(), null, null);
    }
}
