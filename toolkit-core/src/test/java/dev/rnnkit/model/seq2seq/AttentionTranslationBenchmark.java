package dev.rnnkit.model.seq2seq;

import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.model.DataShape;
import dev.rnnkit.model.NetworkBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Benchmark (not a test): milliseconds per training minibatch of an attention encoder-decoder config, on random ids.
 *
 * <p>Run: {@code mvn -q -pl toolkit-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.rnnkit.model.seq2seq.AttentionTranslationBenchmark
 * -Dexec.args="../configs/multi30k-en-fr-attention.yaml 6214 6556 14 16"} (config, source and target vocabulary,
 * source and target length), with {@code OMP_NUM_THREADS} set as you would train. Multi30k en-fr's training split
 * averages about 14 source and 16 target tokens with {@code split_punctuation}.
 */
public final class AttentionTranslationBenchmark {

    private AttentionTranslationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        RnnkitConfig config = ConfigLoader.parse(Files.readString(Path.of(args[0])), args[0], List.of());
        int sourceVocab = Integer.parseInt(args[1]);
        int targetVocab = Integer.parseInt(args[2]);
        int ts = Integer.parseInt(args[3]);
        int tt = Integer.parseInt(args[4]);
        int batch = config.training().batchSize();
        ComputationGraph graph = new ComputationGraph(NetworkBuilder.graphConfiguration(config,
                new DataShape(sourceVocab, null, targetVocab, null), DataType.FLOAT));
        graph.init();
        Random random = new Random(1);
        INDArray source = ids(random, batch, ts, sourceVocab);
        INDArray input = ids(random, batch, tt, targetVocab);
        INDArray labels = ids(random, batch, tt, targetVocab);
        MultiDataSet ds = new MultiDataSet(new INDArray[] {source, input}, new INDArray[] {labels},
                new INDArray[] {Nd4j.ones(DataType.FLOAT, batch, ts), Nd4j.ones(DataType.FLOAT, batch, tt)},
                new INDArray[] {Nd4j.ones(DataType.FLOAT, batch, tt)});
        for (int i = 0; i < 5; i++) {
            graph.fit(ds);
        }
        int repeats = 20;
        long start = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            graph.fit(ds);
        }
        double fitMs = (System.nanoTime() - start) / 1e6 / repeats;
        start = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            graph.output(false, ds.getFeatures(), ds.getFeaturesMaskArrays(), ds.getLabelsMaskArrays());
        }
        double forwardMs = (System.nanoTime() - start) / 1e6 / repeats;
        System.out.printf(Locale.ROOT, "batch %d, source %d x %d tokens, target %d x %d tokens, %,d parameters, OMP_NUM_THREADS=%s%n",
                batch, ts, sourceVocab, tt, targetVocab, graph.numParams(), System.getenv("OMP_NUM_THREADS"));
        System.out.printf(Locale.ROOT, "fit %.1f ms/minibatch (%.0f examples/s), forward %.1f ms/minibatch%n",
                fitMs, batch * 1000 / fitMs, forwardMs);
        // Decoding: an untrained model rarely ends a sentence, so every search runs all its steps.
        DecoderSteps steps = DecoderSteps.of(dev.rnnkit.model.Network.of(graph));
        SequenceSearch search = new SequenceSearch(2, 0, tt);
        for (int beam : new int[] {1, 5}) {
            search.beam(steps, steps.encode(source, ds.getFeaturesMaskArray(0)), beam, 1.0);
            start = System.nanoTime();
            int runs = 3;
            for (int i = 0; i < runs; i++) {
                DecoderSteps.Encoded encoded = steps.encode(source, ds.getFeaturesMaskArray(0));
                if (beam == 1) {
                    search.greedy(steps, encoded);
                } else {
                    search.beam(steps, encoded, beam, 1.0);
                }
            }
            double ms = (System.nanoTime() - start) / 1e6 / runs;
            System.out.printf(Locale.ROOT, "%s: %.0f ms per %d sentences of %d steps (%.1f ms/step)%n", beam == 1 ? "greedy" : "beam " + beam,
                    ms, batch, tt, ms / tt);
        }
    }

    private static INDArray ids(Random random, int batch, int steps, int vocab) {
        INDArray a = Nd4j.create(DataType.FLOAT, batch, 1, steps);
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < steps; t++) {
                a.putScalar(new int[] {i, 0, t}, 3 + random.nextInt(vocab - 3));
            }
        }
        return a;
    }
}
