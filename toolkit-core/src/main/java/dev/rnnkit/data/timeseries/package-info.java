/**
 * Sliding-window forecasting from CSV time series: chronological splits, scaling fitted on the training
 * split, missing-value handling and inverse transforms back to original units.
 */
package dev.rnnkit.data.timeseries;
