package dev.rnnkit.examples;

/**
 * Many-to-one with attention pooling: SST-2 sentiment from two stacked bidirectional LSTMs whose outputs are
 * averaged with learned additive-attention weights ({@code rnnkit predict --attention} shows them per word).
 */
public final class AttentionSentimentExample {

    private AttentionSentimentExample() {
    }

    public static void main(String[] args) throws Exception {
        Examples.train("configs/sst2-attention-lstm.yaml", args);
    }
}
