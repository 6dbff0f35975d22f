package dev.rnnkit.predict;

import dev.rnnkit.eval.CrossEntropyAccumulator;
import dev.rnnkit.eval.LanguageModelReport;
import dev.rnnkit.eval.ModelOutputs;
import dev.rnnkit.eval.UnigramBaseline;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Nats per token and perplexity of a next-token model next to the training unigram baseline. */
final class LanguageModelScorer implements TaskScorer {

    private final long[] unigramCounts;
    private final CrossEntropyAccumulator model = new CrossEntropyAccumulator();
    private final List<int[]> tokens = new ArrayList<>();

    /** @param unigramCounts training token counts by id, or null to leave the baseline out */
    LanguageModelScorer(long[] unigramCounts) {
        this.unigramCounts = unigramCounts;
    }

    @Override
    public void add(MultiDataSet batch, INDArray output) {
        model.add(output, batch.getLabels(0), batch.getLabelsMaskArray(0));
        tokens.add(ModelOutputs.argmaxFlat(batch.getLabels(0), batch.getLabelsMaskArray(0)));
    }

    @Override
    public EvaluationResult finish(double loss) {
        var unigram = unigramCounts == null ? null : UnigramBaseline.fromCounts(unigramCounts).score(ClassificationScorer.flat(tokens));
        LanguageModelReport r = new LanguageModelReport(model.scores(), unigram);
        return new EvaluationResult("generation", EvaluationResult.metrics(loss, "nats_per_token", r.model().nats(),
                "perplexity", r.model().perplexity(), "unigram_perplexity", unigram == null ? null : unigram.perplexity()),
                r, r.toTable(), null, null);
    }
}
