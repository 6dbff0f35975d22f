package dev.rnnkit.train;

import dev.rnnkit.modelfile.ModelFile;
import dev.rnnkit.modelfile.ModelFileException;
import dev.rnnkit.modelfile.ModelMetadata;
import dev.rnnkit.modelfile.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import dev.rnnkit.model.Network;

/**
 * The checkpoints of a run: model files with updater and training state, the last {@code keep} kept.
 *
 * <p>Names are {@code checkpoint-<epoch>-<batch>.zip} with zero-padded numbers, so name order is time order.
 */
public final class Checkpoints {

    private final Path directory;
    private final int keep;

    public Checkpoints(Path directory, int keep) {
        this.directory = directory;
        this.keep = keep;
    }

    /** Writes a checkpoint atomically and deletes the oldest beyond {@code keep}. */
    public Path write(Network network, ModelMetadata metadata, TrainingState state) throws IOException {
        Path file = directory.resolve(String.format(java.util.Locale.ROOT, "checkpoint-%04d-%06d.zip", state.epoch(), state.batch()));
        ModelFile.write(file, network, metadata, state.toJson());
        List<Path> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(all.get(i));
        }
        return file;
    }

    /** The checkpoint files, oldest first. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(p -> p.getFileName().toString().matches("checkpoint-\\d+-\\d+\\.zip")).sorted().toList();
        }
    }

    /** Reads the newest checkpoint. */
    public SavedModel latest() throws IOException {
        List<Path> all = list();
        if (all.isEmpty()) {
            throw new ModelFileException(directory + ": no checkpoint to resume from");
        }
        return ModelFile.read(all.get(all.size() - 1));
    }
}
