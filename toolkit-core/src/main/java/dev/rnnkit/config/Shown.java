package dev.rnnkit.config;

/** A value as an error message shows it: whole when short, else its beginning and its length, on one line. */
public final class Shown {

    /** Longer values are cut: a message naming a 10 MB value must still be one readable line. */
    public static final int MAX = 60;

    private Shown() {
    }

    /** {@code value}, or its first {@value #MAX} characters with "... (N characters)"; line breaks shown as \n. */
    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        String oneLine = value.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() <= MAX ? oneLine : oneLine.substring(0, MAX) + "... (" + value.length() + " characters)";
    }

    /** Messages longer than this are cut after it (the location and reason come first). */
    public static final int MAX_MESSAGE = 500;

    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([^']{" + (MAX + 1) + ",})'");

    /**
     * A message that quotes values from a user's file, made one readable line: each quoted value longer than
     * {@value #MAX} characters shortened as {@link #of} does, line breaks shown as \n, and the whole cut after
     * {@value #MAX_MESSAGE} characters.
     */
    public static String message(String message) {
        if (message == null) {
            return null;
        }
        String shortened = QUOTED.matcher(message).replaceAll(m -> java.util.regex.Matcher.quoteReplacement("'" + of(m.group(1)) + "'"));
        String oneLine = shortened.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() <= MAX_MESSAGE ? oneLine
                : oneLine.substring(0, MAX_MESSAGE) + "... (" + oneLine.length() + " characters)";
    }
}
