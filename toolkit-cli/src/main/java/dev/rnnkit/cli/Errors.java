package dev.rnnkit.cli;

/** Turns unexpected exceptions into one readable line. */
final class Errors {

    private Errors() {
    }

    /** The exception's class and message, without a stack trace; {@code RNNKIT_DEBUG=1} prints the trace too. */
    static String oneLine(Throwable t) {
        if ("1".equals(System.getenv("RNNKIT_DEBUG"))) {
            t.printStackTrace();
        }
        Throwable root = t;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? "" : dev.rnnkit.config.Shown.message(root.getMessage().lines().findFirst().orElse(""));
        return root.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg)
                + " (set RNNKIT_DEBUG=1 for the stack trace)";
    }
}
