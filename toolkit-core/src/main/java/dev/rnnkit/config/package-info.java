/**
 * The YAML configuration of an rnnkit job: immutable records, loading with line-aware errors,
 * validation in one place ({@link dev.rnnkit.config.ConfigValidator}) and the generated JSON Schema.
 *
 * <p>Keys are snake_case and follow the names Ludwig and Keras users already know
 * ({@code cell_type}, {@code num_layers}, {@code state_size}, {@code bidirectional},
 * {@code reduce_output}). A missing optional key takes the default documented on its record.
 */
package dev.rnnkit.config;
