package dev.rnnkit.modelfile;

import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.Preprocessing;
import dev.rnnkit.eval.TrainingBaselines;

/**
 * What rnnkit stores beside the network in a model file.
 *
 * @param config        the fully resolved config the model was trained with
 * @param preprocessing the fitted preprocessing (vocabularies, label sets, scalers)
 * @param baselines     training-split statistics for evaluation baselines
 * @param provenance    where the model came from
 */
public record ModelMetadata(RnnkitConfig config, Preprocessing preprocessing, TrainingBaselines baselines, Provenance provenance) {
}
