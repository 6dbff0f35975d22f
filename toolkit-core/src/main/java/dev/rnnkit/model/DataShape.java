package dev.rnnkit.model;

/**
 * Sizes and label statistics the network takes from the data when the config leaves them out.
 *
 * <p>Data pipelines produce one after reading the training split; {@code null} means "unknown".
 *
 * @param vocabSize   input vocabulary size, padding and unknown tokens included (embedding, one_hot)
 * @param featureSize features per time step (dense input)
 * @param numClasses  classes of a categorical head (classification, tagging, seq2seq target vocabulary)
 * @param outputSize  target values per step of a real-valued head
 * @param classCounts classification and tagging: how often each class is a training label, for
 *                    {@code output.class_weights}; null when unknown
 * @param charVocabSize the character vocabulary of {@code input.char_encoder}, padding and unknown included; null
 *                      when the network reads no characters
 */
public record DataShape(Integer vocabSize, Integer featureSize, Integer numClasses, Integer outputSize,
                        ClassCounts classCounts, Integer charVocabSize) {

    /** Sizes and label statistics, no characters. */
    public DataShape(Integer vocabSize, Integer featureSize, Integer numClasses, Integer outputSize, ClassCounts classCounts) {
        this(vocabSize, featureSize, numClasses, outputSize, classCounts, null);
    }

    /** This shape with a character vocabulary size. */
    public DataShape withCharVocabSize(int size) {
        return new DataShape(vocabSize, featureSize, numClasses, outputSize, classCounts, size);
    }

    /** Sizes without label statistics. */
    public DataShape(Integer vocabSize, Integer featureSize, Integer numClasses, Integer outputSize) {
        this(vocabSize, featureSize, numClasses, outputSize, null);
    }

    /** Nothing known from data: every size must come from the config. */
    public static DataShape unknown() {
        return new DataShape(null, null, null, null);
    }
}
