package dev.rnnkit.examples;

/**
 * Many-to-many aligned with a ComputationGraph: CoNLL-2003 named entities from each word's embedding, casing and a
 * character CNN over its spelling, through a stacked bidirectional LSTM into a linear-chain CRF decoded by Viterbi.
 */
public final class CharCrfNerExample {

    private CharCrfNerExample() {
    }

    public static void main(String[] args) throws Exception {
        Examples.train("configs/conll2003-bilstm-crf-tagger.yaml", args);
    }
}
