package dev.rnnkit.examples;

import dev.rnnkit.modelfile.ModelFile;
import dev.rnnkit.modelfile.SavedModel;
import dev.rnnkit.predict.Translator;
import dev.rnnkit.train.TrainingResult;
import java.util.List;
import java.util.Locale;

/**
 * Many-to-many unaligned, for real: Multi30k English → French captions with an attention encoder-decoder (a
 * bidirectional LSTM encoder, an LSTM decoder trained with teacher forcing that attends over the source, beam search),
 * scored by sacreBLEU-compatible BLEU and chrF on test_2016_flickr; then a few translations with their alignments.
 * The data is read from {@code multi30k/} in the data directory (RNNKIT_DATA_DIR).
 */
public final class TranslationExample {

    private TranslationExample() {
    }

    public static void main(String[] args) throws Exception {
        TrainingResult result = Examples.train("configs/multi30k-en-fr-attention.yaml", args);
        SavedModel model = ModelFile.read(result.run().model());
        var attention = model.metadata().config().output().attention();
        Translator translator = Translator.of(model.network(), model.metadata().preprocessing().seq2seq(),
                attention.beamSize(), attention.lengthPenalty(), attention.replaceUnknown());
        List<String> sources = List.of("A man in a blue shirt is riding a bike.", "Two dogs play in the snow.",
                "A little girl is reading a book on the beach.");
        for (Translator.Translation t : translator.translate(sources)) {
            System.out.printf(Locale.ROOT, "%s%n  -> %s%n", String.join(" ", t.sourceTokens()), t.text());
            // Each output word with the source word it attends to most.
            StringBuilder aligned = new StringBuilder("     ");
            for (int i = 0; i < t.tokens().size(); i++) {
                double[] w = t.attention()[i];
                int best = 0;
                for (int j = 1; j < w.length; j++) {
                    best = w[j] > w[best] ? j : best;
                }
                aligned.append(t.tokens().get(i)).append('/').append(t.sourceTokens().get(best)).append(' ');
            }
            System.out.println(aligned.toString().stripTrailing());
        }
    }
}
