package dev.rnnkit.spark;

import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.config.SparkConfig;
import dev.rnnkit.data.Preprocessing;
import dev.rnnkit.eval.TrainingBaselines;
import dev.rnnkit.model.Network;
import dev.rnnkit.predict.EvaluationResult;
import dev.rnnkit.predict.ModelEvaluator;
import dev.rnnkit.train.engine.TrainingEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import scala.Tuple2;

/**
 * Fits epochs with DL4J's Spark training ({@link SparkDl4jMultiLayer} for stacks, {@link SparkComputationGraph}
 * for graphs) and runs evaluation forward passes on the executors.
 *
 * <p>The driver reads the epoch's minibatches from rnnkit's pipelines, in the same shuffled order as the local
 * engine, and writes them as files a few averaging rounds at a time ({@value #ROUNDS_PER_JOB} rounds of
 * workers x averaging_frequency minibatches); DL4J fits each chunk with {@code fitPaths} and averages the workers'
 * parameters and optimizer states back into the driver's network, which the trainer validates, checkpoints and
 * saves as with any engine. Between chunks the trainer hears about the chunk's minibatches (with DL4J's mean
 * score of the chunk as their loss), so progress, stop requests and the time budget work at chunk granularity.
 */
final class SparkEngine implements TrainingEngine {

    /** Averaging rounds fitted per Spark job: fewer jobs, coarser progress. */
    static final int ROUNDS_PER_JOB = 4;

    private final RnnkitConfig config;
    private final SparkConfig settings;
    private final SparkContexts.Context context;
    private final JavaSparkContext sc;
    private final BatchFiles files;
    private final int workers;
    private final TrainingMaster<?, ?> master;
    private final int batchSize;
    private int chunks;

    SparkEngine(RnnkitConfig config, Path runDirectory) {
        this.config = config;
        this.settings = config.training().sparkSettings();
        this.context = SparkContexts.forConfig(config.name(), settings);
        this.sc = context.sc();
        String export = settings.exportDir() != null ? settings.exportDir()
                : runDirectory.resolve("spark-batches").toAbsolutePath().toUri().toString();
        this.files = new BatchFiles(export + (export.endsWith("/") ? "" : "/") + sc.sc().applicationId(), sc.hadoopConfiguration());
        this.workers = sc.defaultParallelism();
        int batch = config.training().batchSize();
        this.batchSize = batch;
        this.master = switch (settings.trainingMaster()) {
            case AVERAGING -> new ParameterAveragingTrainingMaster.Builder(workers, batch)
                    .batchSizePerWorker(batch)
                    .averagingFrequency(settings.averagingFrequency())
                    .workerPrefetchNumBatches(settings.prefetch())
                    .saveUpdater(true)
                    .rngSeed(config.seed())
                    .collectTrainingStats(false)
                    .build();
            case SHARED -> SharedMaster.build(sc.getConf(), batch, settings, config.seed());
        };
    }

    @Override
    public boolean fitEpoch(Network network, MultiDataSetIterator batches, int skip, BatchListener listener) {
        for (int i = 0; i < skip && batches.hasNext(); i++) {
            batches.next(); // the shuffle is deterministic, so these are the batches fitted before the resume
        }
        int perJob = workers * settings.averagingFrequency() * ROUNDS_PER_JOB; // shared: averaging_frequency only sizes chunks
        int done = skip;
        while (batches.hasNext()) {
            String group = "chunk-" + chunks++;
            List<String> paths = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            MultiDataSet batch = null;
            while (paths.size() < perJob && batches.hasNext()) {
                batch = batches.next();
                sizes.add((int) batch.getFeatures(0).size(0));
                MultiDataSet full = FullBatches.pad(batch, batchSize);
                paths.add(network.isGraph() ? files.writeMultiDataSet(group, full) : files.writeDataSet(group, full));
            }
            double score = fit(network, sc.parallelize(paths, Math.min(workers, paths.size())));
            if (score == 0 && settings.trainingMaster() == SparkConfig.TrainingMaster.SHARED) {
                score = network.score(batch); // SharedTrainingMaster reports no score: the chunk's last minibatch stands in
            }
            files.delete(group);
            boolean go = true;
            for (int size : sizes) {
                go &= listener.afterBatch(++done, size, score);
            }
            if (!go) {
                return !batches.hasNext();
            }
        }
        return true;
    }

    /** Fits one chunk; the network object the trainer holds gets the averaged parameters and optimizer state. */
    private double fit(Network network, JavaRDD<String> paths) {
        if (network.isGraph()) {
            SparkComputationGraph spark = new SparkComputationGraph(sc, network.graph(), master);
            spark.fitPathsMultiDataSet(paths);
            return spark.getScore();
        }
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, network.stack(), master);
        spark.fitPaths(paths);
        return spark.getScore();
    }

    @Override
    public EvaluationResult evaluate(Network network, MultiDataSetIterator batches, RnnkitConfig config,
                                     Preprocessing preprocessing, TrainingBaselines baselines) {
        String group = "evaluation-" + chunks++;
        List<Tuple2<Integer, String>> paths = new ArrayList<>();
        batches.reset();
        while (batches.hasNext()) {
            paths.add(new Tuple2<>(paths.size(), files.writeMultiDataSet(group, batches.next())));
        }
        Map<Integer, ScoredBatch> scored = new HashMap<>();
        if (!paths.isEmpty()) {
            Broadcast<byte[]> model = sc.broadcast(serialise(network));
            try {
                sc.parallelize(paths, Math.min(workers, paths.size()))
                        .mapPartitions(new ForwardPasses(model, network.isGraph()))
                        .collect().forEach(t -> scored.put(t._1(), t._2()));
            } finally {
                model.destroy();
                files.delete(group);
            }
        }
        // The driver merges: the task's scorer sees every batch in order, with outputs computed on the executors.
        return ModelEvaluator.evaluate(batches, config, preprocessing, baselines, (index, batch) -> {
            ScoredBatch s = scored.get(index);
            if (s == null) {
                throw new IllegalStateException("no executor output for evaluation batch " + index);
            }
            return new ModelEvaluator.Scored(s.output(), s.loss());
        });
    }

    private static byte[] serialise(Network network) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network.model(), bytes, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "spark");
        d.put("master", sc.master());
        d.put("spark_version", sc.version());
        d.put("application_id", sc.sc().applicationId());
        d.put("workers", workers);
        d.put("training_master", settings.trainingMaster().yamlName());
        d.put("averaging_frequency", settings.averagingFrequency());
        d.put("export_dir", files.toString());
        return d;
    }

    @Override
    public void close() {
        try {
            files.deleteAll();
        } finally {
            context.release();
        }
    }
}
