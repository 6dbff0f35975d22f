package dev.rnnkit.modelfile;

/**
 * A model file or run directory that cannot be read, with a one-line message naming it.
 */
public final class ModelFileException extends RuntimeException {

    public ModelFileException(String message) {
        super(dev.rnnkit.config.Shown.message(message));
    }

    public ModelFileException(String message, Throwable cause) {
        super(dev.rnnkit.config.Shown.message(message), cause);
    }
}
