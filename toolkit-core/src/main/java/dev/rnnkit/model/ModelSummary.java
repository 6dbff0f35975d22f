package dev.rnnkit.model;

import dev.rnnkit.config.OptimizerType;
import dev.rnnkit.config.RnnkitConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A description of a built network: one row per layer, total parameters, and a training-memory estimate.
 *
 * @param rows             the layers, bottom first
 * @param totalParameters  trainable parameters of the whole network
 * @param batchSize        the batch size the memory estimate is for
 * @param sequenceLength   the sequence length the memory estimate is for
 * @param memory           the estimate, broken down
 */
public record ModelSummary(List<LayerRow> rows, long totalParameters, int batchSize, int sequenceLength, MemoryEstimate memory) {

    /**
     * One layer of the table.
     *
     * @param name       the layer name (encoder_0, fc_1, output...)
     * @param type       what it is, e.g. {@code Bidirectional(LSTM, concat)}
     * @param input      input size, e.g. {@code 128 x T}; in a graph, the vertices read from, with their sizes
     * @param output     output size
     * @param parameters parameter name → shape
     * @param count      parameters in the layer
     */
    public record LayerRow(String name, String type, String input, String output, Map<String, long[]> parameters, long count) {
    }

    /**
     * Bytes needed to train one batch, estimated in closed form.
     *
     * @param parameterBytes  weights
     * @param gradientBytes   their gradients
     * @param optimizerBytes  optimizer state (Adam keeps two values per weight)
     * @param activationBytes activations and per-step cell internals kept for backpropagation, plus the
     *                        largest backward buffer
     */
    public record MemoryEstimate(long parameterBytes, long gradientBytes, long optimizerBytes, long activationBytes) {
        /** The sum of the parts. */
        public long totalBytes() {
            return parameterBytes + gradientBytes + optimizerBytes + activationBytes;
        }
    }

    private static final int BYTES_PER_VALUE = 4; // float32

    /** Describes a network built from a config, for a batch of {@code sequenceLength}-step sequences. */
    public static ModelSummary of(RnnkitConfig config, DataShape data, Network network, int sequenceLength) {
        if (network.isGraph()) {
            return GraphSummary.of(config, data, network.graph(), sequenceLength);
        }
        MultiLayerNetwork net = network.stack();
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        ResolvedSizes sizes = ResolvedSizes.of(config, data);
        InputType inputType = InputType.recurrent(sizes.inputFeatures(), sequenceLength, RNNFormat.NCW);
        List<InputType> outputs = conf.getLayerActivationTypes(inputType);

        List<LayerRow> rows = new ArrayList<>();
        InputType in = inputType;
        long cachedValues = 0;
        long largest = 0;
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            Map<String, INDArray> params = net.getLayer(i).paramTable();
            Map<String, long[]> shapes = new java.util.LinkedHashMap<>();
            long count = 0;
            for (Map.Entry<String, INDArray> e : params.entrySet()) {
                shapes.put(e.getKey(), e.getValue().shape());
                count += e.getValue().length();
            }
            InputType out = outputs.get(i);
            rows.add(new LayerRow(layer.getLayerName(), describe(layer), size(in), size(out), shapes, count));
            long outValues = values(out, sequenceLength);
            cachedValues += outValues * cacheFactor(layer);
            largest = Math.max(largest, outValues);
            in = out;
        }
        return assemble(config, rows, net.numParams(), sequenceLength, cachedValues, largest);
    }

    /** The summary of {@code rows} with the memory estimate from parameters and the activations kept for backprop. */
    static ModelSummary assemble(RnnkitConfig config, List<LayerRow> rows, long total, int sequenceLength, long cachedValues, long largest) {
        int batch = config.training().batchSize();
        long paramBytes = total * BYTES_PER_VALUE;
        long optimizerBytes = paramBytes * optimizerSlots(config.training().optimizer().type(), config.training().optimizer().momentum());
        long activationBytes = (cachedValues + largest) * batch * BYTES_PER_VALUE;
        return new ModelSummary(rows, total, batch, sequenceLength,
                new MemoryEstimate(paramBytes, paramBytes, optimizerBytes, activationBytes));
    }

    /** Values per example and step a layer keeps for backprop, as a multiple of its output size. */
    static int cacheFactor(Layer layer) {
        Layer inner = layer;
        if (inner instanceof Bidirectional b) {
            inner = b.getFwd();
        }
        if (inner instanceof LastTimeStep l) {
            // The wrapped layer still runs over every step; its per-step cache is what costs memory.
            inner = l.getUnderlying();
        }
        // Per step: input copy aside, the gates, the outputs and their gradients. LSTM: 4 gates, cell state,
        // g(cell), output; GRU: 3 gates, r * h, output; simple RNN: 1 gate, output.
        if (inner instanceof dev.rnnkit.model.recurrent.RecurrentCell cell) {
            return switch (cell.cellKind()) {
                case LSTM -> 7;
                case GRU -> 5;
                case RNN -> 2;
            };
        }
        String n = inner.getClass().getSimpleName();
        if (n.equals("LSTM")) {
            return 7;
        }
        if (n.equals("SimpleRnn")) {
            return 2;
        }
        return 1;
    }

    private static int optimizerSlots(OptimizerType type, double momentum) {
        return switch (type) {
            case ADAM, NADAM, ADAMAX, ADADELTA -> 2;
            case RMSPROP, ADAGRAD -> 1;
            case SGD -> momentum > 0 ? 1 : 0;
        };
    }

    static long values(InputType t, int sequenceLength) {
        if (t instanceof InputType.InputTypeRecurrent r) {
            return r.getSize() * (r.getTimeSeriesLength() > 0 ? r.getTimeSeriesLength() : sequenceLength);
        }
        return t.arrayElementsPerExample();
    }

    static String size(InputType t) {
        if (t instanceof InputType.InputTypeRecurrent r) {
            return r.getSize() + " x T";
        }
        if (t instanceof InputType.InputTypeFeedForward f) {
            return String.valueOf(f.getSize());
        }
        return t.toString();
    }

    /** A short human description of a DL4J layer config. */
    static String describe(Layer layer) {
        if (layer instanceof Bidirectional b) {
            return "Bidirectional(" + describe(b.getFwd()) + ", " + b.getMode().name().toLowerCase(Locale.ROOT) + ")";
        }
        if (layer instanceof LastTimeStep l) {
            return "LastTimeStep(" + describe(l.getUnderlying()) + ")";
        }
        String n = layer.getClass().getSimpleName();
        if (layer instanceof dev.rnnkit.model.layers.EmbeddingWithFeatures e) {
            return e.getExtraFeatures() == 0 ? "Embedding(" + e.getNOut() + ")"
                    : "EmbeddingWithFeatures(" + e.getNOut() + " + " + e.getExtraFeatures() + " features)";
        }
        if (layer instanceof dev.rnnkit.model.chars.CharEncoder c) {
            return "CharEncoder(" + c.getKind().name().toLowerCase(Locale.ROOT) + ", " + c.getNIn() + " chars)";
        }
        if (layer instanceof dev.rnnkit.model.layers.AttentionPooling a) {
            return "AttentionPooling(additive, " + a.getAttentionSize() + ")";
        }
        if (layer instanceof org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer g) {
            return "GlobalPooling(" + g.getPoolingType().name().toLowerCase(Locale.ROOT) + ")";
        }
        return n;
    }

    /** The layer table as fixed-width text, with totals and the memory estimate. */
    public String toTable() {
        String[] head = {"#", "name", "type", "input", "output", "parameters", "count"};
        List<String[]> lines = new ArrayList<>();
        lines.add(head);
        for (int i = 0; i < rows.size(); i++) {
            LayerRow r = rows.get(i);
            StringBuilder ps = new StringBuilder();
            r.parameters().forEach((k, v) -> {
                if (!ps.isEmpty()) {
                    ps.append(' ');
                }
                ps.append(k).append(Arrays.toString(v).replace(", ", "x").replace("[", "[").replace("]", "]"));
            });
            lines.add(new String[] {String.valueOf(i), r.name(), r.type(), r.input(), r.output(),
                    ps.isEmpty() ? "-" : ps.toString(), String.format(Locale.ROOT, "%,d", r.count())});
        }
        int[] width = new int[head.length];
        for (String[] l : lines) {
            for (int c = 0; c < l.length; c++) {
                width[c] = Math.max(width[c], l[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int li = 0; li < lines.size(); li++) {
            String[] l = lines.get(li);
            for (int c = 0; c < l.length; c++) {
                boolean right = c == 0 || c == l.length - 1;
                String cell = right ? pad(l[c], width[c], true) : pad(l[c], width[c], false);
                sb.append(cell).append(c == l.length - 1 ? "" : "  ");
            }
            sb.append('\n');
            if (li == 0) {
                int total = Arrays.stream(width).sum() + 2 * (width.length - 1);
                sb.append("-".repeat(total)).append('\n');
            }
        }
        sb.append(String.format(Locale.ROOT, "Total parameters: %,d%n", totalParameters));
        sb.append(String.format(Locale.ROOT,
                "Training memory per batch (estimate, float32, batch %d, %d steps): %s = weights %s + gradients %s + optimizer %s + activations %s%n",
                batchSize, sequenceLength, human(memory.totalBytes()), human(memory.parameterBytes()),
                human(memory.gradientBytes()), human(memory.optimizerBytes()), human(memory.activationBytes())));
        return sb.toString();
    }

    private static String pad(String s, int w, boolean right) {
        String fill = " ".repeat(Math.max(0, w - s.length()));
        return right ? fill + s : s + fill;
    }

    /** Bytes as B/KiB/MiB/GiB with one decimal. */
    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
