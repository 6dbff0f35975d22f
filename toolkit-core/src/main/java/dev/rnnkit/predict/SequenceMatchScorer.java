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
    private final List<String> references = new ArrayList<>();
    private final List<String> predictions = new ArrayList<>();

    SequenceMatchScorer(Seq2SeqState state) {
        this.state = state;
    }

    @Override
    public void add(MultiDataSet batch, INDArray output) {
        references.addAll(state.decode(batch.getLabels(0)));
        predictions.addAll(state.decode(output));
    }

    @Override
    public EvaluationResult finish(double loss) {
        SequenceMatchReport r = SequenceMatchMetrics.evaluate(references, predictions);
        return new EvaluationResult("seq2seq", EvaluationResult.metrics(loss, "exact_match", r.exactMatch(),
                "char_accuracy", r.characterAccuracy()), r, r.toTable(), null, null);
    }
}
