package dev.rnnkit.config;

/**
 * One problem found in a config, located by file, line and YAML path.
 *
 * @param source  the file name, or {@code --set} for a command-line override
 * @param line    1-based line in the file, or 0 when unknown
 * @param path    the YAML path, e.g. {@code encoder[0].cell_type}; empty for the whole document
 * @param message what is wrong and what was expected
 */
public record ConfigError(String source, int line, String path, String message) {

    /** The one-line form {@code file:line: path: message}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }
}
