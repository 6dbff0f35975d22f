package dev.rnnkit.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.deeplearning4j.nn.weights.WeightInit;

/** Weight initialisation schemes selectable in a config, mapped to DL4J's. */
public enum WeightInitName implements ConfigEnum {
    /** Glorot normal. */
    @JsonProperty("xavier") XAVIER(WeightInit.XAVIER),
    /** Glorot uniform (the Keras default). */
    @JsonProperty("xavier_uniform") XAVIER_UNIFORM(WeightInit.XAVIER_UNIFORM),
    /** He normal, for ReLU layers. */
    @JsonProperty("he") HE(WeightInit.RELU),
    @JsonProperty("he_uniform") HE_UNIFORM(WeightInit.RELU_UNIFORM),
    @JsonProperty("lecun_normal") LECUN_NORMAL(WeightInit.LECUN_NORMAL),
    @JsonProperty("lecun_uniform") LECUN_UNIFORM(WeightInit.LECUN_UNIFORM),
    @JsonProperty("normal") NORMAL(WeightInit.NORMAL),
    @JsonProperty("uniform") UNIFORM(WeightInit.UNIFORM);

    private final WeightInit dl4j;

    WeightInitName(WeightInit dl4j) {
        this.dl4j = dl4j;
    }

    /** The DL4J weight initialisation. */
    public WeightInit dl4j() {
        return dl4j;
    }
}
