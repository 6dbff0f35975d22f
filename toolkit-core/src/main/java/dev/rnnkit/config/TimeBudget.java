package dev.rnnkit.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the wall-clock budget of {@code training.max_time}: {@code 90s}, {@code 30m}, {@code 2h}, {@code 1h30m},
 * {@code 1d} or an ISO-8601 duration such as {@code PT45M}.
 */
public final class TimeBudget {

    private static final Pattern UNITS = Pattern.compile("(\\d+(?:\\.\\d+)?)(d|h|m|s)");

    private TimeBudget() {
    }

    /**
     * The duration {@code text} stands for.
     *
     * @throws IllegalArgumentException with a message fit for a config error when it is not a positive duration
     */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        if (t.startsWith("p")) {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw invalid(text);
            }
        } else {
            Matcher m = UNITS.matcher(t);
            d = Duration.ZERO;
            int end = 0;
            while (m.find()) {
                if (m.start() != end) {
                    throw invalid(text);
                }
                double amount = Double.parseDouble(m.group(1));
                long seconds = switch (m.group(2)) {
                    case "d" -> 86_400;
                    case "h" -> 3_600;
                    case "m" -> 60;
                    default -> 1;
                };
                d = d.plusMillis(Math.round(amount * seconds * 1000));
                end = m.end();
            }
            if (end == 0 || end != t.length()) {
                throw invalid(text);
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be a positive duration, got '" + text + "'");
        }
        return d;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("expected a duration such as 90s, 30m, 2h or 1h30m, got '" + text + "'");
    }
}
