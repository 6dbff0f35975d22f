package dev.rnnkit.predict;

import dev.rnnkit.eval.CrossEntropyAccumulator;
import dev.rnnkit.eval.CrossEntropyScores;
import dev.rnnkit.eval.LanguageModelReport;
import dev.rnnkit.eval.ModelOutputs;
import dev.rnnkit.eval.UnigramBaseline;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Nats per token and perplexity of a next-token model next to the training unigram baseline. */
final class LanguageModelScorer implements TaskScorer {

    private final UnigramBaseline unigram;
    private final CrossEntropyAccumulator model = new CrossEntropyAccumulator();
    // Summed per batch, so that memory does not grow with the file.
    private double unigramNats;
    private long tokens;

    /** @param unigramCounts training token counts by id, or null to leave the baseline out */
    LanguageModelScorer(long[] unigramCounts) {
        this.unigram = unigramCounts == null ? null : UnigramBaseline.fromCounts(unigramCounts);
    }

    @Override
    public void add(MultiDataSet batch, INDArray output) {
        model.add(output, batch.getLabels(0), batch.getLabelsMaskArray(0));
        if (unigram != null) {
            int[] ids = ModelOutputs.argmaxFlat(batch.getLabels(0), batch.getLabelsMaskArray(0));
            unigramNats += unigram.totalNats(ids);
            tokens += ids.length;
        }
    }

    @Override
    public EvaluationResult finish(double loss) {
        CrossEntropyScores baseline = unigram == null ? null : CrossEntropyScores.fromTotal(unigramNats, tokens);
        LanguageModelReport r = new LanguageModelReport(model.scores(), baseline);
        return new EvaluationResult("generation", EvaluationResult.metrics(loss, "nats_per_token", r.model().nats(),
                "perplexity", r.model().perplexity(), "unigram_perplexity", baseline == null ? null : baseline.perplexity()),
                r, r.toTable(), null, null);
    }
}
