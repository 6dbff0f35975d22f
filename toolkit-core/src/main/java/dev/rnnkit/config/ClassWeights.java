package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-class weights of a classification or tagging loss ({@code output.class_weights}).
 *
 * <p>Written in YAML in one of three forms:
 * <ul>
 *   <li>{@code class_weights: auto}: "balanced" weights from the training labels,
 *       {@code n_examples / (n_classes * count_c)} (tagging counts real tokens), so that the average weight per
 *       training example is 1;</li>
 *   <li>{@code class_weights: [1.0, 5.0]}: one weight per class, in label order (as listed in the data summary);</li>
 *   <li>{@code class_weights: {B-PER: 4, I-PER: 4}}: weights by label name; labels not named get 1.</li>
 * </ul>
 * Ranges, the head type and the list length are checked by {@link ConfigValidator}; names and lengths that need the
 * data are checked when the weights are resolved against it ({@code dev.rnnkit.model.LossWeights}).
 *
 * @param auto    true for {@code auto}
 * @param values  the list form, or null
 * @param byLabel the mapping form, in the order written, or null
 */
public record ClassWeights(boolean auto, List<Double> values, Map<String, Double> byLabel) {

    /** The YAML word that asks for weights from the label frequencies. */
    public static final String AUTO = "auto";

    private static final String EXPECTED = "expected 'auto', a list of numbers (one per class, in label order) "
            + "or a mapping label: number";

    public ClassWeights {
        values = values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
        byLabel = byLabel == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(byLabel));
    }

    /** Binds a YAML value: the word {@code auto}, a list of numbers or a mapping from label to number. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ClassWeights of(Object value) {
        if (AUTO.equals(value)) {
            return new ClassWeights(true, null, null);
        }
        if (value instanceof List<?> list) {
            List<Double> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(number(list.get(i), "entry " + i));
            }
            return new ClassWeights(false, out, null);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Double> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), number(v, "label '" + k + "'")));
            return new ClassWeights(false, null, out);
        }
        throw new IllegalArgumentException(EXPECTED + ", got " + (value instanceof String s ? "'" + s + "'" : value));
    }

    private static double number(Object v, String where) {
        // YAML's .nan and .inf arrive as doubles too; the validator rejects them with the other range errors.
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(EXPECTED + "; " + where + " is " + (v instanceof String s ? "'" + s + "'" : v)
                + ", not a number");
    }

    /** The form's name for messages: auto, list or mapping. */
    public String form() {
        return auto ? AUTO : values != null ? "list" : "mapping";
    }

    /** The YAML form: {@code auto}, the list or the mapping. */
    @JsonValue
    public Object value() {
        return auto ? AUTO : values != null ? values : byLabel;
    }
}
