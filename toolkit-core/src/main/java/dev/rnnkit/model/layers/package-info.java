/**
 * DL4J layers that DL4J itself lacks or gets wrong, used by the network builder.
 */
package dev.rnnkit.model.layers;
