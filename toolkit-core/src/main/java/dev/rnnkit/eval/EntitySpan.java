package dev.rnnkit.eval;

/**
 * One entity chunk in a sentence.
 *
 * @param type  entity type ({@code PER} for {@code B-PER})
 * @param start first token index
 * @param end   index after the last token
 */
public record EntitySpan(String type, int start, int end) {
}
