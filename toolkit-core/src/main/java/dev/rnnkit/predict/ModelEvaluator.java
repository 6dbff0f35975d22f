package dev.rnnkit.predict;

import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.Preprocessing;
import dev.rnnkit.eval.TrainingBaselines;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

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
    public static EvaluationResult evaluate(MultiLayerNetwork network, DataSetIterator batches, RnnkitConfig config,
                                            Preprocessing preprocessing, TrainingBaselines baselines) {
        TaskScorer scorer = TaskScorer.of(config, preprocessing, baselines);
        batches.reset();
        double lossSum = 0;
        long examples = 0;
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            int n = batch.numExamples();
            lossSum += network.score(batch, false) * n;
            examples += n;
            INDArray output = network.output(batch.getFeatures(), false, batch.getFeaturesMaskArray(), batch.getLabelsMaskArray());
            scorer.add(batch, output);
        }
        if (examples == 0) {
            throw new IllegalArgumentException("no examples to evaluate");
        }
        return scorer.finish(lossSum / examples);
    }
}
