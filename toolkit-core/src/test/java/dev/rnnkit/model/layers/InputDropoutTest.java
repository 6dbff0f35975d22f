package dev.rnnkit.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.PreparedData;
import dev.rnnkit.model.NetworkBuilder;
import dev.rnnkit.train.TrainFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Input dropout with its mask per thread: DL4J's numbers, no mask shared between networks of one configuration. */
class InputDropoutTest {

    @TempDir
    Path dir;

    @Test
    void computesWhatDl4jsDropoutComputes() {
        INDArray input = Nd4j.rand(DataType.FLOAT, 4, 8, 5);
        INDArray grad = Nd4j.rand(DataType.FLOAT, 4, 8, 5);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        Dropout theirs = new Dropout(0.7);
        InputDropout ours = new InputDropout(0.7);
        Nd4j.getRandom().setSeed(11);
        INDArray a = theirs.applyDropout(input, input.ulike(), 0, 0, none);
        INDArray ga = theirs.backprop(grad, grad.ulike(), 0, 0);
        Nd4j.getRandom().setSeed(11);
        INDArray b = ours.applyDropout(input, input.ulike(), 0, 0, none);
        INDArray gb = ours.backprop(grad, grad.ulike(), 0, 0);
        assertEquals(a, b);
        assertEquals(ga, gb);
        assertTrue(b.scan(org.nd4j.linalg.indexing.conditions.Conditions.equals(0)).intValue() > 0, "some units dropped");
    }

    @Test
    void survivesTheConfigurationsJson() {
        RnnkitConfig config = TrainFixtures.config(TrainFixtures.CLASSIFICATION, "encoder[0].dropout=0.4", "fc_layers=[{output_size: 6, dropout: 0.3}]");
        PreparedData data = DataPipelines.prepare(config, TrainFixtures.classificationData(dir.resolve("d")));
        MultiLayerConfiguration conf = NetworkBuilder.build(config, data.shape()).stack().getLayerWiseConfigurations();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        List<Object> dropouts = new ArrayList<>();
        for (int i = 0; i < back.getConfs().size(); i++) {
            BaseLayer l = unwrapped(back.getConf(i).getLayer());
            if (l != null && l.getIDropout() != null) {
                dropouts.add(l.getIDropout());
            }
        }
        assertEquals(List.of(new InputDropout(0.6), new InputDropout(0.7)), dropouts);
    }

    /** The layer itself, or the layer a wrapper (last step, bidirectional) holds. */
    private static BaseLayer unwrapped(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer instanceof org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer w) {
            return unwrapped(w.getUnderlying());
        }
        if (layer instanceof org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional bi) {
            return unwrapped(bi.getFwd());
        }
        return layer instanceof BaseLayer b ? b : null;
    }

    /**
     * DL4J's {@code Layer.clone()} shares the dropout object between clones, as Spark workers' networks do; two such
     * networks train at once on minibatches of different lengths without touching each other's masks.
     */
    @Test
    void networksOfClonedConfigurationsTrainAtOnce() throws Exception {
        RnnkitConfig config = TrainFixtures.config(TrainFixtures.CLASSIFICATION, "encoder[0].dropout=0.4", "training.batch_size=3");
        PreparedData data = DataPipelines.prepare(config, TrainFixtures.classificationData(dir.resolve("d")));
        MultiLayerConfiguration conf = NetworkBuilder.build(config, data.shape()).stack().getLayerWiseConfigurations();
        MultiLayerConfiguration a = conf.clone();
        MultiLayerConfiguration b = conf.clone();
        assertNotSame(a.getConf(1), b.getConf(1));
        BaseLayer la = unwrapped(a.getConf(1).getLayer());
        BaseLayer lb = unwrapped(b.getConf(1).getLayer());
        assertSame(la.getIDropout(), lb.getIDropout(), "DL4J 1.0.0-M2.1 clones share the dropout (the reason for InputDropout)");
        List<MultiDataSet> batches = new ArrayList<>();
        data.train().forEachRemaining(batches::add);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Double>> runs = new ArrayList<>();
            for (MultiLayerConfiguration c : List.of(a, b)) {
                Callable<Double> train = () -> {
                    MultiLayerNetwork net = new MultiLayerNetwork(c);
                    net.init();
                    dev.rnnkit.model.Network network = dev.rnnkit.model.Network.of(net);
                    for (int epoch = 0; epoch < 20; epoch++) {
                        for (MultiDataSet batch : batches) {
                            network.fit(batch);
                        }
                    }
                    return network.score();
                };
                runs.add(pool.submit(train));
            }
            for (Future<Double> run : runs) {
                assertTrue(Double.isFinite(run.get()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
