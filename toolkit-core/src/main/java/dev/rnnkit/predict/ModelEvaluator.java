package dev.rnnkit.predict;

import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.Preprocessing;
import dev.rnnkit.eval.TrainingBaselines;
import dev.rnnkit.model.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Scores a network on labelled batches with its task's metrics and the mean loss.
 */
public final class ModelEvaluator {

    private ModelEvaluator() {
    }

    /**
     * Evaluates a saved model on a labelled file (or folder, for generation) read with the model's preprocessing.
     *
     * @throws dev.rnnkit.data.DataFormatException when the file cannot be read as the model's config says
     */
    public static EvaluationResult evaluateFile(dev.rnnkit.modelfile.SavedModel model, java.nio.file.Path file) {
        return evaluateFile(model, file, null);
    }

    /**
     * Evaluates a saved model on a labelled file; an attention seq2seq model decodes with beam width {@code beam}
     * (null: its config's {@code output.attention.beam_size}).
     *
     * @throws IllegalArgumentException when a beam is given for a model without an attention decoder
     */
    public static EvaluationResult evaluateFile(dev.rnnkit.modelfile.SavedModel model, java.nio.file.Path file, Integer beam) {
        var m = model.metadata();
        RnnkitConfig config = beam == null ? m.config() : m.config().withOutput(m.config().output().withBeamSize(beam));
        return evaluate(model.network(), DataPipelines.labelled(config, m.preprocessing(), file), config,
                m.preprocessing(), m.baselines());
    }

    /**
     * Evaluates every batch of {@code batches} (reset first) in inference mode.
     *
     * @throws IllegalArgumentException when the iterator yields no batch
     */
    public static EvaluationResult evaluate(Network network, MultiDataSetIterator batches, RnnkitConfig config,
                                            Preprocessing preprocessing, TrainingBaselines baselines) {
        // An attention decoder's output is decoded by search, not read off a teacher-forced pass: only its loss is needed here.
        Forward forward = config.output().attentionDecoder() ? (index, batch) -> new Scored(null, network.score(batch))
                : (index, batch) -> new Scored(network.output(batch), network.score(batch));
        return evaluate(batches, config, preprocessing, baselines, forward, network);
    }

    /** A network's output and mean loss on one batch. */
    public record Scored(INDArray output, double loss) implements java.io.Serializable {
    }

    /** Runs the network on batch {@code index} (0-based, in iterator order), here or wherever the engine runs it. */
    @FunctionalInterface
    public interface Forward {
        Scored apply(int index, MultiDataSet batch);
    }

    /**
     * Evaluates every batch of {@code batches} (reset first) with outputs from {@code forward}, so that engines that
     * run forward passes elsewhere score exactly as a local pass does.
     *
     * @throws IllegalArgumentException when the iterator yields no batch
     */
    public static EvaluationResult evaluate(MultiDataSetIterator batches, RnnkitConfig config, Preprocessing preprocessing,
                                            TrainingBaselines baselines, Forward forward) {
        return evaluate(batches, config, preprocessing, baselines, forward, null);
    }

    private static EvaluationResult evaluate(MultiDataSetIterator batches, RnnkitConfig config, Preprocessing preprocessing,
                                             TrainingBaselines baselines, Forward forward, Network network) {
        TaskScorer scorer = TaskScorer.of(config, preprocessing, baselines, network);
        batches.reset();
        double lossSum = 0;
        long examples = 0;
        int index = 0;
        while (batches.hasNext()) {
            MultiDataSet batch = batches.next();
            int n = (int) batch.getFeatures(0).size(0);
            Scored scored = forward.apply(index++, batch);
            lossSum += scored.loss() * n;
            examples += n;
            scorer.add(batch, scored.output());
        }
        if (examples == 0) {
            throw new IllegalArgumentException("no examples to evaluate");
        }
        return scorer.finish(lossSum / examples);
    }
}
