/**
 * Turns a validated config into a DL4J {@code MultiLayerNetwork}, and describes networks
 * (layer table, parameter counts, memory estimate) without data.
 *
 * <p>{@link dev.rnnkit.model.NetworkBuilder} is the one place where config meets DL4J layer classes.
 */
package dev.rnnkit.model;
