package dev.rnnkit.cli;

import java.util.List;
import java.util.Locale;

/** Checks {@code RNNKIT_LOG_LEVEL} before anything logs: logback would read a misspelt level as DEBUG without a word. */
final class LogLevel {

    /** The environment variable logback.xml reads. */
    static final String ENV = "RNNKIT_LOG_LEVEL";
    private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

    private LogLevel() {
    }

    /** Null when {@code value} is unset or a level; else the one-line complaint. */
    static String problem(String value) {
        if (value == null || LEVELS.contains(value.toLowerCase(Locale.ROOT))) {
            return null;
        }
        return ENV + ": expected one of " + String.join(", ", LEVELS) + ", got '" + dev.rnnkit.config.Shown.of(value) + "'";
    }
}
