package dev.rnnkit.data;

import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Measures the data pipelines on the real data sets (a runnable main, not a unit test).
 *
 * <p>Reads all of SST-2 train and CoNLL-2003 train, prepares them (read, tokenize, fit, encode) and runs one
 * epoch of batches (tensor building, with prefetch), printing examples/s and tokens/s. Then prepares the
 * other documented examples once and prints their read summaries.
 *
 * <pre>mvn -o -q -pl toolkit-core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * cd toolkit-core &amp;&amp; OMP_NUM_THREADS=1 java -Xmx6g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   dev.rnnkit.data.PipelineBenchmark /work/shared/data</pre>
 * ({@code exec:java} works too where the exec-maven-plugin jar is in the local repository.)
 */
public final class PipelineBenchmark {

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "../shared/data");
        String train = "training: {batch_size: 32}\n";
        measure("SST-2 train (text classification)", DataConfigTest.SST2.replace("  validation: sst2/dev.tsv\n", "") + train, dataDir);
        measure("CoNLL-2003 train (tagging)", DataConfigTest.CONLL.replace("  validation: conll2003/valid.txt\n  test: conll2003/test.txt\n", "") + train, dataDir);
        for (String[] example : List.of(new String[]{"daily-min-temperatures",
                        // The file has no rows for 1984-12-31 and 1988-12-31, as configs/temperature-gru-forecaster.yaml notes.
                        DataConfigTest.TEMPERATURES.replace("    test_start: \"1990-01-01\"\n", "    test_start: \"1990-01-01\"\n    gaps: ignore\n")},
                new String[]{"pollution", DataConfigTest.POLLUTION}, new String[]{"french rap", DataConfigTest.FRENCH_RAP})) {
            long t0 = System.nanoTime();
            PreparedData data = DataPipelines.prepare(ConfigLoader.parse(example[1], example[0], List.of()), dataDir);
            System.out.printf("%n== %s: prepared in %.2f s, shape %s%n%s%n", example[0], (System.nanoTime() - t0) / 1e9,
                    data.shape(), data.summary());
        }
    }

    private static void measure(String name, String yaml, Path dataDir) throws Exception {
        RnnkitConfig config = ConfigLoader.parse(yaml, name, List.of());
        long t0 = System.nanoTime();
        PreparedData data = DataPipelines.prepare(config, dataDir);
        long t1 = System.nanoTime();
        org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator it = data.train();
        long examples = 0;
        long tokens = 0;
        long padded = 0;
        while (it.hasNext()) {
            org.nd4j.linalg.dataset.api.MultiDataSet ds = it.next();
            examples += (int) ds.getFeatures(0).size(0);
            tokens += ds.getFeaturesMaskArray(0).sumNumber().longValue();
            padded += ds.getFeaturesMaskArray(0).length();
        }
        long t2 = System.nanoTime();
        double prep = (t1 - t0) / 1e9;
        double epoch = (t2 - t1) / 1e9;
        System.out.printf("%n== %s%n%s%n", name, data.summary());
        System.out.printf("prepare (read+tokenize+fit+encode): %.2f s  %,.0f examples/s  %,.0f tokens/s%n",
                prep, examples / prep, tokens / prep);
        System.out.printf("one epoch of batches (bucketed, prefetch %d): %.2f s  %,.0f examples/s  %,.0f tokens/s  (%d examples, %d tokens, padding %.1f%%)%n",
                config.data().prefetch(), epoch, examples / epoch, tokens / epoch, examples, tokens, 100.0 * (padded - tokens) / padded);
        System.out.printf("end to end: %,.0f examples/s  %,.0f tokens/s%n", examples / (prep + epoch), tokens / (prep + epoch));
    }
}
