package dev.rnnkit.examples;

/**
 * Many-to-many aligned: CoNLL-2003 named entities, one tag per token, from word embeddings plus casing
 * features through a stacked bidirectional LSTM; scored with conlleval's entity-level F1.
 */
public final class NerExample {

    private NerExample() {
    }

    public static void main(String[] args) throws Exception {
        Examples.train("configs/conll2003-bilstm-tagger.yaml", args);
    }
}
