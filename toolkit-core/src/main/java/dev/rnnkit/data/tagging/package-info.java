/**
 * Per-token tagging from CoNLL column files, with IOB1/IOB2/IOBES checking, repair and conversion.
 */
package dev.rnnkit.data.tagging;
