/**
 * Text classification and regression from TSV/CSV files (SST-2 style), with optional pretrained word vectors.
 */
package dev.rnnkit.data.text;
