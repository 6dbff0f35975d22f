package dev.rnnkit.modelfile;

import dev.rnnkit.model.Network;

/**
 * A model file read back: the network (with updater state) and rnnkit's metadata.
 *
 * @param file          the file it was read from
 * @param network       the restored network
 * @param metadata      config, preprocessing, baselines and provenance
 * @param trainingState the training state JSON of a checkpoint, or null for a plain model
 */
public record SavedModel(java.nio.file.Path file, Network network, ModelMetadata metadata, String trainingState) {
}
