/**
 * rnnkit model files: DL4J {@code ModelSerializer} zips with rnnkit's state as extra, versioned entries.
 *
 * <p>A model file opens with plain DL4J ({@code ModelSerializer.restoreMultiLayerNetwork}); custom layers
 * (the GRU and {@code BidirectionalLastStep}) need {@code toolkit-core} on the classpath. The extra entries
 * under {@code rnnkit/} hold the resolved config, the preprocessing artefact, training-split baselines,
 * provenance and, in checkpoints, the training state. Writes are atomic.
 */
package dev.rnnkit.modelfile;
