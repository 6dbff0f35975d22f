package dev.rnnkit.predict;

import dev.rnnkit.data.seq2seq.Seq2SeqState;
import dev.rnnkit.eval.SequenceMatchMetrics;
import dev.rnnkit.eval.SequenceMatchReport;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Exact-match and character accuracy of a sequence-to-sequence model's decoded outputs. */
final class SequenceMatchScorer implements TaskScorer {

    private final Seq2SeqState state;
    private final SequenceMatchMetrics.Tally tally = new SequenceMatchMetrics.Tally();

    SequenceMatchScorer(Seq2SeqState state) {
        this.state = state;
    }

    @Override
    public void add(MultiDataSet batch, INDArray output) {
        List<String> references = state.decode(batch.getLabels(0));
        List<String> predictions = state.decode(output);
        for (int i = 0; i < references.size(); i++) {
            tally.add(references.get(i), predictions.get(i));
        }
    }

    @Override
    public EvaluationResult finish(double loss) {
        SequenceMatchReport r = tally.report();
        return new EvaluationResult("seq2seq", EvaluationResult.metrics(loss, "exact_match", r.exactMatch(),
                "char_accuracy", r.characterAccuracy()), r, r.toTable(), null, null);
    }
}
