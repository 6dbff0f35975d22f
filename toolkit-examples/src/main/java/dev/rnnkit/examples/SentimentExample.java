package dev.rnnkit.examples;

/**
 * Many-to-one: SST-2 sentence sentiment with an embedding, two stacked bidirectional LSTMs reduced to their
 * final states, and a softmax over {negative, positive}.
 */
public final class SentimentExample {

    private SentimentExample() {
    }

    public static void main(String[] args) throws Exception {
        Examples.train("configs/sst2-stacked-lstm.yaml", args);
    }
}
