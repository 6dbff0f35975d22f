/**
 * A linear-chain conditional random field output layer for DL4J sequence taggers.
 *
 * <p>{@link dev.rnnkit.model.crf.CrfOutput} is the layer configuration (last layer of a MultiLayerNetwork or
 * ComputationGraph), {@link dev.rnnkit.model.crf.CrfOutputLayer} its runtime, {@link dev.rnnkit.model.crf.CrfParams}
 * its parameters and {@link dev.rnnkit.model.crf.CrfTransitions} the tag-scheme constraints on transitions.
 */
package dev.rnnkit.model.crf;
