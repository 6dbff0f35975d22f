package dev.rnnkit.model;

import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;

/**
 * Refuses a network whose parameters cannot fit in memory, from its configuration, before DL4J allocates anything.
 *
 * <p>A config can be valid and still ask for the impossible ({@code state_size: 65536} is 17 billion LSTM weights); DL4J
 * would then fail deep in native code ({@code std::bad_alloc}) or the kernel would kill the process.
 */
final class MemoryCheck {

    /** Copies of the parameters training holds: the parameters, their gradients and two optimizer moments (Adam). */
    static final int TRAINING_COPIES = 4;

    private MemoryCheck() {
    }

    static void requireFits(MultiLayerConfiguration conf, int bytesPerValue) {
        long params = 0;
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            params += layer.getLayer().initializer().numParams(layer);
        }
        requireFits(params, bytesPerValue, availableBytes());
    }

    static void requireFits(ComputationGraphConfiguration conf, int bytesPerValue) {
        long params = 0;
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv) {
                params += lv.getLayerConf().getLayer().initializer().numParams(lv.getLayerConf());
            }
        }
        requireFits(params, bytesPerValue, availableBytes());
    }

    /** Fails when {@code params} values, held {@link #TRAINING_COPIES} times, exceed {@code available} bytes. */
    static void requireFits(long params, int bytesPerValue, long available) {
        double needed = (double) params * bytesPerValue * TRAINING_COPIES;
        if (needed > available) {
            throw new ModelBuildException("encoder", String.format(Locale.ROOT,
                    "the network has %,d parameters: training needs about %.1f GB for them (parameters, gradients and "
                            + "optimizer state), more than the %.1f GB this process may use; choose smaller state_size, "
                            + "embedding_size or output_size values", params, needed / 1e9, available / 1e9));
        }
    }

    /** What ND4J may allocate off the heap here: JavaCPP's limit, else the machine's physical memory. */
    static long availableBytes() {
        long max = Pointer.maxBytes();
        long physical = Pointer.totalPhysicalBytes();
        return max > 0 ? (physical > 0 ? Math.min(max, physical) : max) : physical > 0 ? physical : Long.MAX_VALUE;
    }
}
