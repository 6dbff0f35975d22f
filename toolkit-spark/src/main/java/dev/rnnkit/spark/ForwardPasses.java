package dev.rnnkit.spark;

import dev.rnnkit.model.Network;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.MultiDataSet;
import scala.Tuple2;

/**
 * Runs a network's forward passes over minibatch files on an executor: output and mean loss per batch, keyed by
 * the batch's index, so that the driver scores them exactly as one local pass would.
 */
final class ForwardPasses implements FlatMapFunction<Iterator<Tuple2<Integer, String>>, Tuple2<Integer, ScoredBatch>> {

    private final Broadcast<byte[]> model;
    private final boolean graph;

    ForwardPasses(Broadcast<byte[]> model, boolean graph) {
        this.model = model;
        this.graph = graph;
    }

    @Override
    public Iterator<Tuple2<Integer, ScoredBatch>> call(Iterator<Tuple2<Integer, String>> batches) throws IOException {
        List<Tuple2<Integer, ScoredBatch>> out = new ArrayList<>();
        if (!batches.hasNext()) {
            return out.iterator();
        }
        Network network = graph
                ? Network.of(ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(model.value()), false))
                : Network.of(ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(model.value()), false));
        Configuration hadoop = new Configuration();
        while (batches.hasNext()) {
            Tuple2<Integer, String> next = batches.next();
            MultiDataSet batch = load(next._2(), hadoop);
            out.add(new Tuple2<>(next._1(), new ScoredBatch(network.output(batch).detach(), network.score(batch))));
        }
        return out.iterator();
    }

    private static MultiDataSet load(String file, Configuration hadoop) {
        Path path = new Path(file);
        try {
            FileSystem fs = path.getFileSystem(hadoop); // cached and shared: never closed here
            try (InputStream in = fs.open(path)) {
                MultiDataSet batch = new MultiDataSet();
                batch.load(in);
                return batch;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read minibatch file " + file + ": " + e.getMessage(), e);
        }
    }
}
