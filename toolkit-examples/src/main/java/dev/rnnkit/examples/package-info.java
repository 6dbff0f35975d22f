/**
 * Example mains, one per recurrent network shape, each driven by a config in {@code configs/}.
 *
 * <p>Run from the repository root, e.g. {@code mvn -q -pl toolkit-examples -am package -DskipTests} then
 * {@code java -cp ... dev.rnnkit.examples.SentimentExample [key.path=value ...]}, or use the equivalent
 * {@code ./rnnkit train configs/<example>.yaml}. Arguments are config overrides, as {@code --set} takes them.
 */
package dev.rnnkit.examples;
