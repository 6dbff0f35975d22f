package dev.rnnkit.cli;

import dev.rnnkit.data.DataFormatException;
import dev.rnnkit.modelfile.ModelFile;
import dev.rnnkit.modelfile.ModelFileException;
import dev.rnnkit.modelfile.SavedModel;
import dev.rnnkit.train.RunDirectory;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Shared steps of the commands that use a trained model: load it and turn bad input into one line and exit 2. */
final class ModelCommands {

    private ModelCommands() {
    }

    /** A model (or a run directory's best model), or a {@link ModelFileException} naming what is wrong. */
    static SavedModel load(Path runOrModel) {
        Path file = RunDirectory.modelOf(runOrModel);
        if (java.nio.file.Files.isDirectory(runOrModel) && file.equals(new RunDirectory(runOrModel).lastModel())) {
            // Not silent: the last model is not the one early stopping would have kept.
            System.err.println("rnnkit: note: " + runOrModel + " has no model-best.zip (no validation data, or it stopped before "
                    + "its first validated epoch); using model-last.zip");
        }
        return ModelFile.read(file);
    }

    /** Runs {@code body}; bad input (model, data, arguments) prints {@code rnnkit: message} and returns 2. */
    static int badInputAsExit2(PrintStream err, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (ModelFileException | DataFormatException | IllegalArgumentException | UncheckedIOException e) {
            err.println("rnnkit: " + e.getMessage().lines().findFirst().orElse(""));
            return RnnkitCli.EXIT_BAD_INPUT;
        }
    }
}
