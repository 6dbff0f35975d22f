package dev.rnnkit.predict;

import dev.rnnkit.config.OutputType;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.Preprocessing;
import dev.rnnkit.eval.TrainingBaselines;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Collects a task's metric over evaluation batches, one batch at a time.
 */
interface TaskScorer {

    /** Adds one batch and the network's output for it. */
    void add(MultiDataSet batch, INDArray output);

    /** The scores of everything added; {@code loss} is the mean validation loss to include. */
    EvaluationResult finish(double loss);

    /**
     * The scorer for a model's task; {@code network} (may be null for other tasks) decodes an attention seq2seq model's
     * batches with the config's beam.
     */
    static TaskScorer of(RnnkitConfig config, Preprocessing preprocessing, TrainingBaselines baselines, dev.rnnkit.model.Network network) {
        OutputType type = config.output().type();
        return switch (preprocessing.family()) {
            case TEXT_CLASSIFICATION -> type == OutputType.REGRESSION
                    ? new RegressionScorer(null)
                    : new ClassificationScorer(preprocessing.textClassification().labels().entries());
            case TAGGING -> new TaggingScorer(preprocessing.tagging());
            case TIME_SERIES -> type == OutputType.SEQUENCE_REGRESSION
                    ? new RegressionScorer(preprocessing.timeSeries())
                    : new ForecastScorer(preprocessing.timeSeries(), baselines.maseScales(), baselines.targetStds());
            case GENERATION -> new LanguageModelScorer(baselines.unigramCounts());
            case SEQ2SEQ -> new SequenceMatchScorer(preprocessing.seq2seq(), !config.output().attentionDecoder() ? null
                    : Translator.of(network, preprocessing.seq2seq(), config.output().attention().beamSize(),
                    config.output().attention().lengthPenalty(), config.output().attention().replaceUnknown()));
        };
    }
}
