package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * A whole rnnkit job: the network, how to train it and what data to feed it.
 *
 * <p>Instances come from {@link ConfigLoader}, which validates them; defaults are filled in by the
 * records' constructors so that every non-"from data" value is non-null after loading.
 *
 * @param name     a short name for runs and models; default "rnnkit"
 * @param seed     random seed for weights, dropout, shuffling and splits; default 42
 * @param input    what the network reads per step
 * @param encoder  the recurrent stack, bottom first; at least one block
 * @param fcLayers dense layers between the recurrent stack and the head
 * @param output   the head
 * @param training optimisation settings
 * @param data     the data section
 */
public record RnnkitConfig(
        @JsonPropertyDescription("A short name for runs and models")
        String name,
        @JsonPropertyDescription("Random seed for weights, dropout, shuffling and splits; default 42")
        Long seed,
        @JsonPropertyDescription("What the network reads at each time step")
        InputConfig input,
        @JsonPropertyDescription("The recurrent stack, bottom first")
        List<RecurrentLayerConfig> encoder,
        @JsonPropertyDescription("Dense layers between the recurrent stack and the head")
        List<DenseLayerConfig> fcLayers,
        @JsonPropertyDescription("The head, which fixes the task shape")
        OutputConfig output,
        @JsonPropertyDescription("Optimisation settings")
        TrainingConfig training,
        @JsonPropertyDescription("Data files and preprocessing")
        DataConfig data) {

    /** Seed used when the config gives none. */
    public static final long DEFAULT_SEED = 42L;

    public RnnkitConfig {
        name = name == null ? "rnnkit" : name;
        seed = seed == null ? DEFAULT_SEED : seed;
        input = input == null ? new InputConfig(null, null, null, null, null, null, null) : input;
        // Null entries (a bare '-' in YAML) are kept for the validator to name; List.copyOf would throw a bare NPE.
        encoder = encoder == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(encoder));
        fcLayers = fcLayers == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(fcLayers));
        training = (training == null ? TrainingConfig.defaults() : training)
                .resolved(output == null ? null : output.type(), data != null && data.hasValidation());
    }

    /** This config with another head. */
    public RnnkitConfig withOutput(OutputConfig output) {
        return new RnnkitConfig(name, seed, input, encoder, fcLayers, output, training, data);
    }

    /** The recurrent stack with {@code num_layers} expanded into one entry per layer. */
    public List<RecurrentLayerConfig> expandedEncoder() {
        return expand(encoder);
    }

    /** Expands {@code num_layers} shorthand into one entry per layer. */
    public static List<RecurrentLayerConfig> expand(List<RecurrentLayerConfig> blocks) {
        return blocks.stream()
                .flatMap(b -> java.util.stream.Stream.generate(() -> b).limit(b.numLayers()))
                .toList();
    }
}
