package dev.rnnkit.model;

import dev.rnnkit.model.layers.AttentionPoolingLayer;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * One trainable network, either a DL4J {@code MultiLayerNetwork} (a plain stack) or a {@code ComputationGraph}.
 *
 * <p>Training, evaluation, prediction and model files go through this type, so none of them switches on the kind.
 * Batches are {@link MultiDataSet}s: a stack takes the first (only) features and labels array, a graph takes them
 * in the order of its inputs and outputs. {@link #model()} gives the DL4J object itself, e.g. for
 * {@code ModelSerializer}.
 */
public final class Network {

    private final MultiLayerNetwork stack;
    private final ComputationGraph graph;

    private Network(MultiLayerNetwork stack, ComputationGraph graph) {
        this.stack = stack;
        this.graph = graph;
    }

    /** Wraps an initialised stack. */
    public static Network of(MultiLayerNetwork stack) {
        return new Network(Objects.requireNonNull(stack), null);
    }

    /** Wraps an initialised graph. */
    public static Network of(ComputationGraph graph) {
        return new Network(null, Objects.requireNonNull(graph));
    }

    /** Wraps either kind of DL4J network. */
    public static Network of(Model model) {
        if (model instanceof MultiLayerNetwork m) {
            return of(m);
        }
        if (model instanceof ComputationGraph g) {
            return of(g);
        }
        throw new IllegalArgumentException("not a MultiLayerNetwork or ComputationGraph: " + model.getClass().getName());
    }

    /** True for a {@code ComputationGraph}. */
    public boolean isGraph() {
        return graph != null;
    }

    /** {@code "MultiLayerNetwork"} or {@code "ComputationGraph"}, as DL4J names the class. */
    public String kind() {
        return isGraph() ? "ComputationGraph" : "MultiLayerNetwork";
    }

    /** The DL4J network. */
    public Model model() {
        return isGraph() ? graph : stack;
    }

    /** The stack; fails for a graph. */
    public MultiLayerNetwork stack() {
        if (stack == null) {
            throw new IllegalStateException("this network is a ComputationGraph, not a MultiLayerNetwork");
        }
        return stack;
    }

    /** The graph; fails for a stack. */
    public ComputationGraph graph() {
        if (graph == null) {
            throw new IllegalStateException("this network is a MultiLayerNetwork, not a ComputationGraph");
        }
        return graph;
    }

    /** The training listeners on the network (DL4J's own list; empty when none). */
    public java.util.Collection<org.deeplearning4j.optimize.api.TrainingListener> listeners() {
        java.util.Collection<org.deeplearning4j.optimize.api.TrainingListener> l = isGraph() ? graph.getListeners() : stack.getListeners();
        return l == null ? java.util.List.of() : l;
    }

    /** Replaces the training listeners, e.g. to add DL4J's {@code StatsListener} for the training UI. */
    public void setListeners(java.util.Collection<org.deeplearning4j.optimize.api.TrainingListener> listeners) {
        model().setListeners(listeners);
    }

    /** One optimisation step on a minibatch (truncated BPTT when the configuration asks for it). */
    public void fit(MultiDataSet batch) {
        if (isGraph()) {
            graph.fit(batch);
        } else {
            stack.fit(single(batch));
        }
    }

    /** The loss of the last fitted minibatch. */
    public double score() {
        return model().score();
    }

    /** The mean loss of a labelled minibatch in inference mode (no dropout). */
    public double score(MultiDataSet batch) {
        return isGraph() ? graph.score(batch, false) : stack.score(single(batch), false);
    }

    /** The first output for a minibatch in inference mode. */
    public INDArray output(MultiDataSet batch) {
        return output(batch.getFeatures(), batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
    }

    /**
     * The first output for the given inputs in inference mode.
     *
     * @param featureMasks one per input or null
     * @param labelMasks   one per output or null
     */
    public INDArray output(INDArray[] features, INDArray[] featureMasks, INDArray[] labelMasks) {
        if (isGraph()) {
            return graph.output(false, features, featureMasks, labelMasks)[0];
        }
        return stack.output(features[0], false, first(featureMasks), first(labelMasks));
    }

    /** One step (or several) of stateful inference, keeping the recurrent state for the next call. */
    public INDArray rnnTimeStep(INDArray... inputs) {
        return isGraph() ? graph.rnnTimeStep(inputs)[0] : stack.rnnTimeStep(inputs[0]);
    }

    /** Forgets the state kept by {@link #rnnTimeStep}. */
    public void rnnClearPreviousState() {
        if (isGraph()) {
            graph.rnnClearPreviousState();
        } else {
            stack.rnnClearPreviousState();
        }
    }

    /** Sets the learning rate of every layer (the updater keeps its state). */
    public void setLearningRate(double rate) {
        if (isGraph()) {
            graph.setLearningRate(rate);
        } else {
            stack.setLearningRate(rate);
        }
    }

    /** The learning rate of the first layer that has one, or NaN. */
    public double learningRate() {
        if (isGraph()) {
            for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
                Double lr = graph.getLearningRate(layer.conf().getLayer().getLayerName());
                if (lr != null) {
                    return lr;
                }
            }
            return Double.NaN;
        }
        for (int i = 0; i < stack.getnLayers(); i++) {
            Double lr = stack.getLearningRate(i);
            if (lr != null) {
                return lr;
            }
        }
        return Double.NaN;
    }

    /** Counts one finished epoch in the network's configuration (saved with the model). */
    public void incrementEpochCount() {
        if (isGraph()) {
            graph.incrementEpochCount();
        } else {
            stack.incrementEpochCount();
        }
    }

    /** All parameters as one row vector (a view). */
    public INDArray params() {
        return model().params();
    }

    /** The number of parameters, of vertices too (DL4J's {@code ComputationGraph.numParams()} counts layers only). */
    public long numParams() {
        return isGraph() ? graph.params().length() : stack.numParams();
    }

    /**
     * The attention weights [batch, T] of the last forward pass through the network's attention pooling layer.
     *
     * @throws IllegalArgumentException when the network has no attention pooling layer
     */
    public INDArray attentionWeights() {
        return isGraph() ? AttentionPoolingLayer.attentionWeights(graph) : AttentionPoolingLayer.attentionWeights(stack);
    }

    /** The DL4J configuration as JSON. */
    public String configurationJson() {
        return isGraph() ? graph.getConfiguration().toJson() : stack.getLayerWiseConfigurations().toJson();
    }

    private static DataSet single(MultiDataSet batch) {
        if (batch.numFeatureArrays() != 1 || batch.numLabelsArrays() > 1) {
            throw new IllegalArgumentException("a MultiLayerNetwork takes one features and one labels array, got "
                    + batch.numFeatureArrays() + " and " + batch.numLabelsArrays());
        }
        return new DataSet(batch.getFeatures(0), batch.numLabelsArrays() == 0 ? null : batch.getLabels(0),
                batch.getFeaturesMaskArray(0), batch.numLabelsArrays() == 0 ? null : batch.getLabelsMaskArray(0));
    }

    private static INDArray first(INDArray[] arrays) {
        return arrays == null || arrays.length == 0 ? null : arrays[0];
    }
}
