/**
 * Training engines: where one epoch of minibatches is fitted.
 *
 * <p>{@link dev.rnnkit.train.engine.LocalEngine} fits them one after another on one device;
 * {@link dev.rnnkit.train.engine.ParallelEngine} runs DL4J's {@code ParallelWrapper} over the cores or GPUs of one
 * machine; the Spark engine (module toolkit-spark, found through
 * {@link dev.rnnkit.train.engine.TrainingEngineProvider}) runs DL4J's Spark training. The trainer around them is the
 * same, so a run directory looks the same whatever the engine.
 */
package dev.rnnkit.train.engine;
