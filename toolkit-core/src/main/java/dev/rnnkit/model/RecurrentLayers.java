package dev.rnnkit.model;

import dev.rnnkit.config.MergeMode;
import dev.rnnkit.config.RecurrentLayerConfig;
import dev.rnnkit.model.gru.Gru;
import dev.rnnkit.model.layers.BidirectionalLastStep;
import dev.rnnkit.model.recurrent.ElmanRnn;
import dev.rnnkit.model.recurrent.Lstm;
import dev.rnnkit.model.recurrent.RecurrentCell;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;

/** Creates one recurrent layer (LSTM, GRU or simple RNN), wrapped for direction and reduction. */
final class RecurrentLayers {

    private RecurrentLayers() {
    }

    /**
     * The layer for one config entry.
     *
     * @param lastStepOnly reduce to the final state: {@link LastTimeStep} for one direction; for two,
     *                     each direction's own final state (the backward one at the first real step)
     */
    static List<Layer> create(RecurrentLayerConfig r, String name, boolean lastStepOnly) {
        Layer layer = cell(r);
        if (!r.bidirectional()) {
            layer = lastStepOnly ? new LastTimeStep(layer) : layer;
            layer.setLayerName(name);
            return List.of(layer);
        }
        if (!lastStepOnly) {
            layer = new Bidirectional(mode(r.mergeMode()), layer);
            layer.setLayerName(name);
            return List.of(layer);
        }
        // DL4J's Bidirectional(LastTimeStep) cannot backprop in M2.1: keep both directions' sequences
        // (concat) and let BidirectionalLastStep pick each direction's final state, then merge.
        layer = new Bidirectional(Bidirectional.Mode.CONCAT, layer);
        layer.setLayerName(name);
        Layer last = new BidirectionalLastStep.Builder().merge(lastStepMerge(r.mergeMode())).name(name + "_last").build();
        return List.of(layer, last);
    }

    // rnnkit's own cells (dev.rnnkit.model.recurrent): faster than DL4J's LSTM and SimpleRnn, exactly masked
    // inside Bidirectional, with recurrent dropout; DL4J has no working GRU at all.
    private static RecurrentCell cell(RecurrentLayerConfig r) {
        RecurrentCell.Builder<?> b = switch (r.cellType()) {
            case LSTM -> new Lstm.Builder().forgetGateBiasInit(r.forgetGateBiasOrDefault());
            case RNN -> new ElmanRnn.Builder();
            case GRU -> new Gru.Builder();
        };
        b.recurrentDropout(r.recurrentDropout())
                .nOut(r.stateSize())
                .activation(r.activation().dl4j())
                .weightInit(r.weightInit().dl4j());
        if (r.dropout() > 0) {
            b.dropOut(new dev.rnnkit.model.layers.InputDropout(1.0 - r.dropout())); // DL4J takes the probability of keeping an input unit
        }
        return (RecurrentCell) b.build();
    }

    private static BidirectionalLastStep.Merge lastStepMerge(MergeMode m) {
        return switch (m) {
            case CONCAT -> BidirectionalLastStep.Merge.CONCAT;
            case SUM -> BidirectionalLastStep.Merge.ADD;
            case MUL -> BidirectionalLastStep.Merge.MUL;
            case AVERAGE -> BidirectionalLastStep.Merge.AVERAGE;
        };
    }

    private static Bidirectional.Mode mode(MergeMode m) {
        return switch (m) {
            case CONCAT -> Bidirectional.Mode.CONCAT;
            case SUM -> Bidirectional.Mode.ADD;
            case MUL -> Bidirectional.Mode.MUL;
            case AVERAGE -> Bidirectional.Mode.AVERAGE;
        };
    }
}
