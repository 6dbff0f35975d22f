package dev.rnnkit.eval;

/** Division and F1 with the zero-denominator conventions of scikit-learn and conlleval (the result is 0). */
final class Ratios {

    private Ratios() {
    }

    static double divide(double numerator, double denominator) {
        return denominator == 0 ? 0.0 : numerator / denominator;
    }

    static double f1(double precision, double recall) {
        return divide(2 * precision * recall, precision + recall);
    }
}
