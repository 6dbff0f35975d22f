package dev.rnnkit.model.crf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.eval.TagScheme;
import dev.rnnkit.model.layers.DoublePrecision;
import java.io.File;
import java.nio.file.Path;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;

/** JSON round trips of configurations holding a CRF, and saved models. */
@ExtendWith(DoublePrecision.class)
class CrfSerializationTest {

    static final CrfTransitions IOB2 = CrfTransitions.forTags(CrfFixtures.IOB2_TAGS, TagScheme.IOB2);

    @TempDir
    Path dir;

    @Test
    void multiLayerConfigurationJsonKeepsTheConstraints() {
        MultiLayerConfiguration conf = CrfFixtures.lstmCrf(3, 4, 5, IOB2).getLayerWiseConfigurations();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        CrfOutput crf = (CrfOutput) back.getConf(1).getLayer();
        assertEquals(IOB2, crf.transitions());
        assertEquals(4, crf.getNIn());
        assertEquals(5, crf.getNOut());
        // Without constraints the tables stay null and read back as all allowed.
        MultiLayerConfiguration free = MultiLayerConfiguration.fromJson(
                CrfFixtures.lstmCrf(3, 4, 5, null).getLayerWiseConfigurations().toJson());
        CrfOutput freeCrf = (CrfOutput) free.getConf(1).getLayer();
        assertNull(freeCrf.getAllowed());
        assertTrue(freeCrf.transitions().allowsEverything());
        assertNotEquals(crf, freeCrf);
    }

    @Test
    void graphConfigurationJsonKeepsTheConstraints() {
        ComputationGraphConfiguration conf = CrfFixtures.lstmCrfGraph(3, 4, 5, IOB2, DataType.DOUBLE).getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        var crf = assertInstanceOf(CrfOutput.class, ((LayerVertex) back.getVertices().get("crf")).getLayerConf().getLayer());
        assertEquals(IOB2, crf.transitions());
    }

    @Test
    void cloneCopiesTheTables() {
        CrfOutput crf = CrfFixtures.crf(5, IOB2);
        CrfOutput copy = crf.clone();
        assertEquals(crf, copy);
        copy.getAllowed()[0][2] = true;
        assertFalse(crf.getAllowed()[0][2]);
        assertNotEquals(crf, copy);
    }

    @Test
    void savedMultiLayerNetworkRestoresWithIdenticalOutputsAndScores() throws Exception {
        MultiLayerNetwork net = CrfFixtures.lstmCrf(3, 4, 5, IOB2);
        CrfFixtures.randomize(net, 501, 1.0);
        int[] lengths = {5, 2};
        INDArray x = CrfFixtures.input(502, 2, 3, 5);
        INDArray mask = CrfFixtures.mask(lengths, 5);
        INDArray labels = CrfFixtures.oneHot(CrfFixtures.validPaths(new Random(503), lengths, IOB2), 5, 5);

        File file = dir.resolve("crf.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(net.params(), restored.params());
        assertEquals(net.output(x, false, mask, null), restored.output(x, false, mask, null));
        DataSet ds = new DataSet(x, labels, mask, mask);
        assertEquals(net.score(ds, false), restored.score(ds, false), 0.0);
        assertEquals(IOB2, ((CrfOutputLayer) restored.getLayer(1)).layerConf().transitions());
    }

    @Test
    void savedGraphRestoresWithIdenticalOutputs() throws Exception {
        ComputationGraph graph = CrfFixtures.lstmCrfGraph(3, 4, 5, IOB2, DataType.DOUBLE);
        CrfFixtures.randomize(graph, 601, 1.0);
        INDArray[] x = {CrfFixtures.input(602, 2, 3, 4)};
        INDArray[] mask = {CrfFixtures.mask(new int[] {4, 3}, 4)};
        INDArray[] labels = {CrfFixtures.oneHot(CrfFixtures.validPaths(new Random(603), new int[] {4, 3}, IOB2), 5, 4)};
        File file = dir.resolve("crf-graph.zip").toFile();
        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertEquals(graph.output(false, x, mask, null)[0], restored.output(false, x, mask, null)[0]);
        MultiDataSet mds = new MultiDataSet(x, labels, mask, mask);
        assertEquals(graph.score(mds, false), restored.score(mds, false), 0.0);
    }
}
