package dev.rnnkit.model;

import dev.rnnkit.config.RnnkitConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Describes a {@code ComputationGraph} as {@link ModelSummary} rows: inputs first, then every vertex in
 * topological order with the vertices it reads from.
 */
final class GraphSummary {

    private GraphSummary() {
    }

    static ModelSummary of(RnnkitConfig config, DataShape data, ComputationGraph graph, int sequenceLength) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        InputType[] inputTypes = NetworkBuilder.graphInputTypes(config, ResolvedSizes.of(config, data), sequenceLength);
        Map<String, InputType> types = new LinkedHashMap<>();
        List<String> inputs = conf.getNetworkInputs();
        for (int i = 0; i < inputs.size(); i++) {
            types.put(inputs.get(i), inputTypes[i]);
        }
        types.putAll(conf.getLayerActivationTypes(inputTypes));

        List<ModelSummary.LayerRow> rows = new ArrayList<>();
        for (String input : inputs) {
            rows.add(new ModelSummary.LayerRow(input, "Input", "-", ModelSummary.size(types.get(input)), Map.of(), 0));
        }
        long cachedValues = 0;
        long largest = 0;
        long total = 0;
        for (int index : graph.topologicalSortOrder()) {
            org.deeplearning4j.nn.graph.vertex.GraphVertex vertex = graph.getVertices()[index];
            String name = vertex.getVertexName();
            if (vertex.isInputVertex()) {
                continue;
            }
            GraphVertex vc = conf.getVertices().get(name);
            List<String> from = conf.getVertexInputs().get(name);
            StringBuilder in = new StringBuilder();
            for (String f : from) {
                in.append(in.isEmpty() ? "" : " + ").append(f).append(" (").append(ModelSummary.size(types.get(f))).append(')');
            }
            Map<String, long[]> shapes = new LinkedHashMap<>();
            long count = 0;
            String type;
            InputType out = types.get(name);
            if (vc instanceof LayerVertex lv) {
                org.deeplearning4j.nn.conf.layers.Layer layer = lv.getLayerConf().getLayer();
                type = ModelSummary.describe(layer);
                for (Map.Entry<String, INDArray> e : vertex.paramTable(false).entrySet()) {
                    shapes.put(e.getKey(), e.getValue().shape());
                    count += e.getValue().length();
                }
                long outValues = ModelSummary.values(out, sequenceLength);
                cachedValues += outValues * ModelSummary.cacheFactor(layer);
                largest = Math.max(largest, outValues);
            } else {
                type = vc.getClass().getSimpleName().replace("Vertex", "");
                // A vertex with parameters of its own (the attention decoder); DL4J's numParams() counts layers only.
                for (Map.Entry<String, INDArray> e : vertex.paramTable(false).entrySet()) {
                    shapes.put(e.getKey(), e.getValue().shape());
                    count += e.getValue().length();
                }
                if (vc instanceof dev.rnnkit.model.seq2seq.AttentionDecoder) {
                    // Per target step it keeps the LSTM's gates, cell and output, the attention weights and the mix.
                    long outValues = ModelSummary.values(out, sequenceLength);
                    cachedValues += outValues * 12;
                    largest = Math.max(largest, outValues);
                }
            }
            total += count;
            rows.add(new ModelSummary.LayerRow(name, type, in.toString(), ModelSummary.size(out), shapes, count));
        }
        return ModelSummary.assemble(config, rows, total, sequenceLength, cachedValues, largest);
    }
}
