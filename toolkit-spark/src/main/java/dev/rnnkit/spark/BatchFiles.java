package dev.rnnkit.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Minibatch files under one directory that every executor can read (a local path on one machine, HDFS or a shared
 * file system on a cluster), written through Hadoop's file system API so that any Hadoop URI works.
 *
 * <p>This is DL4J's "export" approach to Spark training: executors load minibatches by path, so no data set is
 * held in driver memory or shipped inside Spark tasks.
 */
final class BatchFiles {

    private final FileSystem fs;
    private final Path root;
    private int written;

    BatchFiles(String directory, Configuration hadoop) {
        try {
            URI uri = URI.create(directory);
            this.root = new Path(uri);
            this.fs = root.getFileSystem(hadoop);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("training.spark.export_dir: cannot use '" + directory + "': " + e.getMessage(), e);
        }
    }

    /** Writes {@code batch} as a DataSet file (a stack's single input and output), returning its path. */
    String writeDataSet(String group, MultiDataSet batch) {
        DataSet ds = new DataSet(batch.getFeatures(0), batch.getLabels(0), first(batch.getFeaturesMaskArrays()),
                first(batch.getLabelsMaskArrays()));
        return write(group, ds::save);
    }

    /** Writes {@code batch} as a MultiDataSet file, returning its path. */
    String writeMultiDataSet(String group, MultiDataSet batch) {
        return write(group, batch::save);
    }

    private interface Saver {
        void save(OutputStream out) throws IOException;
    }

    private String write(String group, Saver saver) {
        Path file = new Path(new Path(root, group), String.format("batch-%07d.bin", written++));
        try (OutputStream out = fs.create(file, true)) {
            saver.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file.toString();
    }

    /** Deletes a group of files (a chunk of an epoch once fitted). */
    void delete(String group) {
        try {
            fs.delete(new Path(root, group), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + new Path(root, group) + ": " + e.getMessage(), e);
        }
    }

    /** Deletes everything written, and the export directory itself when nothing else is left in it. */
    void deleteAll() {
        try {
            fs.delete(root, true);
            Path parent = root.getParent();
            if (parent != null && fs.exists(parent) && fs.listStatus(parent).length == 0) {
                fs.delete(parent, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }

    private static org.nd4j.linalg.api.ndarray.INDArray first(org.nd4j.linalg.api.ndarray.INDArray[] arrays) {
        return arrays == null ? null : arrays[0];
    }
}
