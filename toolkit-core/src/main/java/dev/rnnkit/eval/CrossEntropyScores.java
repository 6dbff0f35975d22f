package dev.rnnkit.eval;

/**
 * Mean cross-entropy of a model over tokens, in the three units people quote.
 *
 * @param tokens        tokens scored
 * @param nats          mean negative log-likelihood per token, natural log
 * @param perplexity    {@code exp(nats)}
 * @param bitsPerToken  {@code nats / ln 2}; bits per character for a character-level model
 */
public record CrossEntropyScores(long tokens, double nats, double perplexity, double bitsPerToken) {

    /** Scores from a summed negative log-likelihood in nats. */
    public static CrossEntropyScores fromTotal(double totalNats, long tokens) {
        if (tokens <= 0) {
            throw new IllegalArgumentException("no tokens to score");
        }
        double nats = totalNats / tokens;
        return new CrossEntropyScores(tokens, nats, Math.exp(nats), nats / Math.log(2));
    }
}
