package dev.rnnkit.model;

/** Thrown when a network cannot be built from a config, e.g. a size is neither configured nor known from data. */
public final class ModelBuildException extends IllegalArgumentException {

    private final String path;

    public ModelBuildException(String path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    /** The config path at fault. */
    public String path() {
        return path;
    }
}
