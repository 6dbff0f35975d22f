package dev.rnnkit.eval;

/**
 * Precision, recall and F1 of one class (or one entity type), with the counts they come from.
 *
 * <p>A ratio whose denominator is zero is 0, as in scikit-learn's {@code zero_division=0} and conlleval.
 *
 * @param name      class name or entity type
 * @param precision correct / predicted
 * @param recall    correct / support
 * @param f1        harmonic mean of precision and recall
 * @param support   how many the gold data holds
 * @param predicted how many were predicted
 * @param correct   how many predictions were right
 */
public record ClassScores(String name, double precision, double recall, double f1, long support, long predicted, long correct) {

    /** Scores from the three counts. */
    public static ClassScores of(String name, long correct, long predicted, long support) {
        double p = Ratios.divide(correct, predicted);
        double r = Ratios.divide(correct, support);
        return new ClassScores(name, p, r, Ratios.f1(p, r), support, predicted, correct);
    }
}
