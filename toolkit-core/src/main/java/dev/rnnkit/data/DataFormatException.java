package dev.rnnkit.data;

/**
 * A data file that cannot be read as configured, located by file and line.
 *
 * <p>The message is the one-line form {@code file:line: reason} ({@code file: reason} when no line applies).
 */
public final class DataFormatException extends RuntimeException {

    private final String file;
    private final long line;
    private final String reason;

    /** @param reason what is wrong; values it quotes from the file are shortened ({@link dev.rnnkit.config.Shown#message}) */
    public DataFormatException(String file, long line, String reason) {
        super(dev.rnnkit.config.Shown.message(file + (line > 0 ? ":" + line : "") + ": " + reason));
        this.file = file;
        this.line = line;
        this.reason = dev.rnnkit.config.Shown.message(reason);
    }

    /** The file as named in the config (relative to the data directory). */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem concerns the whole file. */
    public long line() {
        return line;
    }

    /** What is wrong, without the location. */
    public String reason() {
        return reason;
    }
}
