package dev.rnnkit.examples;

import dev.rnnkit.modelfile.ModelFile;
import dev.rnnkit.predict.TextGenerator;
import dev.rnnkit.train.TrainingResult;

/**
 * One-to-many generation: a character-level LSTM trained on French rap lyrics, then sampled one character
 * at a time with its state carried over, at a cautious and a bold temperature.
 */
public final class LyricsGenerationExample {

    private LyricsGenerationExample() {
    }

    public static void main(String[] args) throws Exception {
        TrainingResult result = Examples.train("configs/rap-char-lstm-generator.yaml", args);
        TextGenerator generator = new TextGenerator(ModelFile.read(result.run().bestModel()));
        for (double temperature : new double[] {0.5, 1.0}) {
            System.out.println("--- temperature " + temperature + " ---");
            System.out.println(generator.generate("je ", 300, temperature, 0, 42).text());
        }
    }
}
