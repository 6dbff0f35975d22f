package dev.rnnkit.model;

import dev.rnnkit.config.ClassWeights;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.config.Suggestions;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Resolves {@code output.class_weights} against the data into one cross-entropy weight per class.
 *
 * <p>The data pipelines call it to report the weights (and to fail before a run starts); {@link NetworkBuilder}
 * calls it to build the loss. Problems that need the data to be seen (a list of the wrong length when
 * {@code num_classes} is taken from the data, a label the data does not have) are reported here as
 * {@link ModelBuildException}s; everything else is checked by the config validator.
 */
public final class LossWeights {

    static final String PATH = "output.class_weights";

    private LossWeights() {
    }

    /**
     * The weight of each of {@code numClasses} classes, or null when the config sets none.
     *
     * <p>{@code auto} is scikit-learn's "balanced" rule, {@code n / (k * count_c)} with n training labels and k classes
     * seen in training, so the average weight per training label is 1 and the loss keeps its scale. A class never
     * seen in training gets 1: no training label carries its weight, so it only affects validation losses.
     *
     * @param counts the training label counts, or null when no data was read
     * @throws ModelBuildException when the weights do not fit the data's classes
     */
    public static double[] resolve(ClassWeights weights, ClassCounts counts, int numClasses) {
        if (weights == null) {
            return null;
        }
        if (weights.values() != null) {
            if (weights.values().size() != numClasses) {
                throw new ModelBuildException(PATH, "has " + weights.values().size() + " weights but the "
                        + (counts == null ? "model has " + numClasses + " classes"
                        : "data has " + numClasses + " classes (" + String.join(", ", counts.names()) + ")")
                        + "; give one weight per class, in label order");
            }
            return weights.values().stream().mapToDouble(Double::doubleValue).toArray();
        }
        if (counts == null) {
            throw new ModelBuildException(PATH, "'" + weights.form() + "' refers to the training labels, so the model can only be "
                    + "built after reading the data; use a list with one weight per class to build it without data");
        }
        double[] out = new double[numClasses];
        Arrays.fill(out, 1.0);
        if (weights.auto()) {
            long seen = counts.counts().stream().filter(c -> c > 0).count();
            long total = counts.total();
            for (int c = 0; c < Math.min(numClasses, counts.counts().size()); c++) {
                long n = counts.counts().get(c);
                if (n > 0) {
                    out[c] = (double) total / (seen * n);
                }
            }
            return out;
        }
        for (Map.Entry<String, Double> e : weights.byLabel().entrySet()) {
            int c = counts.names().indexOf(e.getKey());
            if (c < 0 || c >= numClasses) {
                throw new ModelBuildException(PATH, "names label '" + e.getKey() + "', which the training data does not have"
                        + Suggestions.didYouMean(e.getKey(), counts.names()) + "; its labels are " + String.join(", ", counts.names()));
            }
            out[c] = e.getValue();
        }
        return out;
    }

    /** The weights of a config resolved against the data, or null when it sets none. */
    public static double[] resolve(RnnkitConfig config, DataShape data) {
        if (config.output().classWeights() == null) {
            return null;
        }
        return resolve(config.output().classWeights(), data.classCounts(), ResolvedSizes.of(config, data).outputUnits());
    }

    /**
     * A printable line such as {@code class weights (auto): O 0.21, B-PER 4.1}, or empty when the config sets none.
     *
     * @throws ModelBuildException when the weights do not fit the data's classes
     */
    public static Optional<String> describe(RnnkitConfig config, DataShape data) {
        double[] w = resolve(config, data);
        if (w == null) {
            return Optional.empty();
        }
        StringJoiner line = new StringJoiner(", ", "class weights (" + config.output().classWeights().form() + "): ", "");
        for (int c = 0; c < w.length; c++) {
            ClassCounts counts = data.classCounts();
            String name = counts != null && c < counts.names().size() ? counts.names().get(c) : "#" + c;
            line.add(name + " " + new BigDecimal(w[c]).round(new MathContext(3)).stripTrailingZeros().toPlainString());
        }
        return Optional.of(line.toString());
    }
}
