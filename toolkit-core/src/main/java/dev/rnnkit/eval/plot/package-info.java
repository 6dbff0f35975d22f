/**
 * PNG charts of evaluation results drawn with XChart, headless: learning curves, a confusion-matrix
 * heatmap, an attention heatmap for translation models and forecast-versus-actual lines.
 *
 * <p>Each chart class builds an XChart chart from plain data or a result record of
 * {@link dev.rnnkit.eval} and writes it through {@link dev.rnnkit.eval.plot.ChartFiles}, which sets
 * {@code java.awt.headless} and replaces the file atomically.
 */
package dev.rnnkit.eval.plot;
