package dev.rnnkit.eval.plot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads a series' timestamp texts as instants for a time axis (in UTC), when they are dates or date-times. */
public final class ChartTimes {

    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"),
            DateTimeFormatter.ISO_LOCAL_DATE_TIME, DateTimeFormatter.ofPattern("yyyy-MM-dd-HH"));

    private ChartTimes() {
    }

    /** The instants of all texts, or null when one of them is missing or not a date. */
    public static List<Instant> parseAll(List<String> texts) {
        List<Instant> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            Instant i = t == null ? null : parse(t);
            if (i == null) {
                return null;
            }
            out.add(i);
        }
        return out;
    }

    /** One text as an instant (a date is its midnight, UTC), or null when it is not a date. */
    public static Instant parse(String text) {
        for (DateTimeFormatter f : DATE_TIMES) {
            try {
                return LocalDateTime.parse(text, f).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        try {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
