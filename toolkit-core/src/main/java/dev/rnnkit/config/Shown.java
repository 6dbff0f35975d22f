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
}
