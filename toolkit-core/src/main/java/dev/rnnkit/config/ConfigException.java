package dev.rnnkit.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a config cannot be read or is invalid; carries every error found. */
public final class ConfigException extends Exception {

    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public ConfigException(ConfigError error) {
        this(List.of(error));
    }

    /** The errors, in file order where known. */
    public List<ConfigError> errors() {
        return errors;
    }
}
