package dev.rnnkit.model.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.model.Network;
import dev.rnnkit.model.layers.DoublePrecision;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What decoding relies on: the step-by-step decoder scores a prefix exactly as the teacher-forced pass does, attention
 * weights are a distribution over the real source steps, beam search of width 1 is greedy search, and a beam's
 * hypothesis carries the log-probability the model gives its tokens.
 */
@ExtendWith(DoublePrecision.class)
class AttentionDecoderTest {

    private static final DataType D = DataType.DOUBLE;

    /** A small network trained a little on the fixture batch, so that its distributions are far from uniform. */
    private static ComputationGraph trained(String score) {
        ComputationGraph graph = EncoderDecoderFixtures.graph(EncoderDecoderFixtures.config(
                EncoderDecoderFixtures.yaml(score, true, true, 6).replace("momentum: 0", "momentum: 0.9").replace("learning_rate: 1.0", "learning_rate: 0.1")), D);
        MultiDataSet batch = new MultiDataSet(EncoderDecoderFixtures.features(D), new INDArray[] {EncoderDecoderFixtures.labels(D)},
                EncoderDecoderFixtures.featureMasks(D), new INDArray[] {EncoderDecoderFixtures.mask(EncoderDecoderFixtures.TARGETS, D)});
        for (int i = 0; i < 30; i++) {
            graph.fit(batch);
        }
        return graph;
    }

    private static INDArray teacherForced(ComputationGraph graph) {
        return graph.output(false, EncoderDecoderFixtures.features(D), EncoderDecoderFixtures.featureMasks(D),
                new INDArray[] {EncoderDecoderFixtures.mask(EncoderDecoderFixtures.TARGETS, D)})[0];
    }

    @ParameterizedTest
    @ValueSource(strings = {"dot", "general", "additive"})
    void stepByStepDecodingScoresEveryPrefixAsTeacherForcingDoes(String score) {
        ComputationGraph graph = trained(score);
        INDArray forced = teacherForced(graph); // [3, V, Tt]
        DecoderSteps steps = DecoderSteps.of(Network.of(graph));
        INDArray[] features = EncoderDecoderFixtures.features(D);
        DecoderSteps.Encoded source = steps.encode(features[0], EncoderDecoderFixtures.featureMasks(D)[0]);
        DecoderSteps.State state = source.start();
        int[][] targets = EncoderDecoderFixtures.TARGETS;
        for (int t = 0; t < features[1].size(2); t++) {
            int[] previous = new int[targets.length];
            for (int i = 0; i < targets.length; i++) {
                previous[i] = features[1].getInt(i, 0, t);
            }
            DecoderSteps.Next next = steps.step(source, state, previous);
            for (int i = 0; i < targets.length; i++) {
                if (t < targets[i].length) {
                    INDArray expected = forced.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                            org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(t));
                    for (int k = 0; k < next.vocabulary(); k++) {
                        // Read as floats by the search: equal to float precision.
                        assertEquals(Math.log(expected.getDouble(k)), next.logProbability(i, k), 1e-5, "sentence " + i + ", step " + t + ", token " + k);
                    }
                }
            }
            state = next.state();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dot", "general", "additive"})
    void attentionWeightsSumToOneOverRealSourceStepsAndAreZeroOnPadding(String score) {
        ComputationGraph graph = trained(score);
        teacherForced(graph);
        INDArray weights = decoder(graph).lastAttention(); // [3, Tt, Ts]
        for (int i = 0; i < EncoderDecoderFixtures.SOURCES.length; i++) {
            int real = EncoderDecoderFixtures.SOURCES[i].length;
            for (int t = 0; t < weights.size(1); t++) {
                double sum = 0;
                for (int s = 0; s < weights.size(2); s++) {
                    double w = weights.getDouble(i, t, s);
                    if (s < real) {
                        assertTrue(w > 0, "a real step gets a positive weight");
                        sum += w;
                    } else {
                        assertEquals(0.0, w, 0.0, "padding (sentence " + i + ", step " + s + ") gets exactly 0");
                    }
                }
                assertEquals(1.0, sum, 1e-12);
            }
        }
        // A one-word source puts all its weight on that word.
        assertEquals(1.0, weights.getDouble(2, 0, 0), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"general", "additive"})
    void beamOfOneIsGreedySearch(String score) {
        ComputationGraph graph = trained(score);
        DecoderSteps steps = DecoderSteps.of(Network.of(graph));
        DecoderSteps.Encoded source = steps.encode(EncoderDecoderFixtures.features(D)[0], EncoderDecoderFixtures.featureMasks(D)[0]);
        SequenceSearch search = new SequenceSearch(2, 0, 6);
        List<SequenceSearch.Hypothesis> greedy = search.greedy(steps, source);
        List<SequenceSearch.Hypothesis> beam = search.beam(steps, source, 1, 1.0);
        for (int i = 0; i < greedy.size(); i++) {
            assertArrayEquals(greedy.get(i).tokens(), beam.get(i).tokens());
            assertEquals(greedy.get(i).logProbability(), beam.get(i).logProbability(), 1e-12);
            assertEquals(greedy.get(i).ended(), beam.get(i).ended());
            assertArrayEquals(greedy.get(i).attention(), beam.get(i).attention());
        }
        // The trained model reproduces its training targets.
        assertArrayEquals(new int[] {3, 4, 5}, greedy.get(0).tokens());
    }

    /** A beam hypothesis's log-probability is what teacher forcing its tokens gives: the beams' states were kept in step. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5})
    void beamHypothesesCarryTheirModelLogProbability(int width) {
        // Untrained: near-uniform distributions make the beams swap places often, so a state left with the wrong beam shows.
        ComputationGraph graph = EncoderDecoderFixtures.graph(EncoderDecoderFixtures.config(EncoderDecoderFixtures.yaml("general", true, true, 6)), D);
        DecoderSteps steps = DecoderSteps.of(Network.of(graph));
        INDArray sources = EncoderDecoderFixtures.features(D)[0];
        INDArray sourceMask = EncoderDecoderFixtures.featureMasks(D)[0];
        List<SequenceSearch.Hypothesis> beam = new SequenceSearch(2, 0, 6).beam(steps, steps.encode(sources, sourceMask), width, 0.7);
        for (int i = 0; i < beam.size(); i++) {
            SequenceSearch.Hypothesis h = beam.get(i);
            int[] target = java.util.Arrays.copyOf(h.tokens(), h.tokens().length + (h.ended() ? 1 : 0));
            if (h.ended()) {
                target[target.length - 1] = 2;
            }
            int[][] one = {target};
            INDArray probabilities = graph.output(false,
                    new INDArray[] {sources.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1), org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup(), EncoderDecoderFixtures.ids(one, true, D)},
                    new INDArray[] {sourceMask.getRow(i, true), Nd4j.ones(D, 1, target.length)}, null)[0];
            double logp = 0;
            for (int t = 0; t < target.length; t++) {
                logp += Math.log(probabilities.getDouble(0, target[t], t));
            }
            assertEquals(logp, h.logProbability(), 1e-6, "sentence " + i); // the search reads log-probabilities as floats
        }
    }

    private static AttentionDecoderVertex decoder(ComputationGraph graph) {
        for (GraphVertex v : graph.getVertices()) {
            if (v instanceof AttentionDecoderVertex d) {
                return d;
            }
        }
        throw new AssertionError("no decoder vertex");
    }
}
