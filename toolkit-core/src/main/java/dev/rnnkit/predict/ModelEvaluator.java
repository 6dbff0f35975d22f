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
        var m = model.metadata();
        return evaluate(model.network(), DataPipelines.labelled(m.config(), m.preprocessing(), file), m.config(),
                m.preprocessing(), m.baselines());
    }

    /**
     * Evaluates every batch of {@code batches} (reset first) in inference mode.
     *
     * @throws IllegalArgumentException when the iterator yields no batch
     */
    public static EvaluationResult evaluate(Network network, MultiDataSetIterator batches, RnnkitConfig config,
                                            Preprocessing preprocessing, TrainingBaselines baselines) {
        TaskScorer scorer = TaskScorer.of(config, preprocessing, baselines);
        batches.reset();
        double lossSum = 0;
        long examples = 0;
        while (batches.hasNext()) {
            MultiDataSet batch = batches.next();
            int n = (int) batch.getFeatures(0).size(0);
            lossSum += network.score(batch) * n;
            examples += n;
            INDArray output = network.output(batch);
            scorer.add(batch, output);
        }
        if (examples == 0) {
            throw new IllegalArgumentException("no examples to evaluate");
        }
        return scorer.finish(lossSum / examples);
    }
}
