package dev.rnnkit.model;

import dev.rnnkit.config.InputType;
import dev.rnnkit.config.OutputType;
import dev.rnnkit.config.RnnkitConfig;

/**
 * The concrete input and output sizes of a network: config values first, then the data's.
 *
 * @param inputFeatures features per step fed to the first layer (embedding: 1 token id + the word-feature channels)
 * @param vocabSize     vocabulary size for embedding input, else 0
 * @param outputUnits   units of the output layer (classes, or targets x horizon)
 */
public record ResolvedSizes(int inputFeatures, int vocabSize, int outputUnits) {

    /** Resolves sizes, or explains which key is missing. */
    public static ResolvedSizes of(RnnkitConfig c, DataShape data) {
        InputType in = c.input().type();
        int vocab = 0;
        int features;
        switch (in) {
            case EMBEDDING -> {
                vocab = require(c.input().vocabSize(), data.vocabSize(), "input.vocab_size");
                features = 1 + c.input().wordFeatureWidth();
            }
            case ONE_HOT -> {
                vocab = require(c.input().vocabSize(), data.vocabSize(), "input.vocab_size");
                features = vocab;
            }
            default -> features = require(c.input().featureSize(), data.featureSize(), "input.feature_size");
        }
        OutputType out = c.output().type();
        int units;
        if (out == OutputType.GENERATION) {
            // A generator predicts the next input token: its classes are the input vocabulary.
            units = vocab;
        } else if (out.categorical()) {
            units = require(c.output().numClasses(), data.numClasses(), "output.num_classes");
        } else {
            int targets = require(c.output().outputSize(), data.outputSize(), "output.output_size");
            units = out == OutputType.FORECAST ? targets * c.output().horizon() : targets;
        }
        return new ResolvedSizes(features, vocab, units);
    }

    private static int require(Integer configured, Integer fromData, String path) {
        if (configured != null) {
            return configured;
        }
        if (fromData != null) {
            return fromData;
        }
        throw new ModelBuildException(path, "is not set in the config and no data was read to take it from; set it, or build the model with data");
    }
}
