package dev.rnnkit.data.timeseries;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A series' timestamp texts read as dates or date-times, with the series' interval and the steps after its end.
 *
 * <p>Accepted forms: {@code 2020-01-31}, {@code 2020-01-31 13:00:00}, {@code 2020-01-31 13:00},
 * {@code 2020-01-31T13:00:00}, {@code 2020-01-31T13:00}, {@code 2020-01-31-13} and {@code 2020-01-31-13-30} (the
 * joined form of timestamp columns [year, month, day, hour(, minute)]) and {@code 2020-01} (monthly). Dates are read
 * strictly: {@code 2021-02-29} is not a date. Times have no zone, so days are always 24 hours long.
 */
public final class Timestamps {

    /** Tried in this order; the first that reads the whole text wins. */
    private static final List<DateTimeFormatter> FORMS = List.of(
            "uuuu-MM-dd", "uuuu-MM-dd HH:mm:ss", "uuuu-MM-dd HH:mm", "uuuu-MM-dd'T'HH:mm:ss", "uuuu-MM-dd'T'HH:mm",
            "uuuu-MM-dd-HH", "uuuu-MM-dd-HH-mm", "uuuu-MM").stream()
            .map(p -> DateTimeFormatter.ofPattern(p).withResolverStyle(ResolverStyle.STRICT)).toList();

    private final List<String> texts;
    private final List<LocalDateTime> times;
    private final int[] forms;
    private final Interval interval;

    private Timestamps(List<String> texts, List<LocalDateTime> times, int[] forms) {
        this.texts = texts;
        this.times = times;
        this.forms = forms;
        this.interval = infer(times);
    }

    /**
     * One step of a series: a number of months (when every timestamp falls on the first of a month at midnight,
     * since months differ in length) or of seconds.
     */
    public record Interval(long amount, ChronoUnit unit) {

        /** {@code t} plus {@code steps} intervals. */
        public LocalDateTime plus(LocalDateTime t, long steps) {
            return t.plus(steps * amount, unit);
        }

        /** How many steps of this interval fit strictly between {@code a} and a later {@code b}: the steps missing. */
        public long missingBetween(LocalDateTime a, LocalDateTime b) {
            long d = unit.between(a, b);
            return d > amount ? (d - 1) / amount : 0;
        }

        @Override
        public String toString() {
            if (unit == ChronoUnit.MONTHS) {
                return amount % 12 == 0 ? count(amount / 12, "year") : count(amount, "month");
            }
            return amount % 86_400 == 0 ? count(amount / 86_400, "day")
                    : amount % 3_600 == 0 ? count(amount / 3_600, "hour")
                    : amount % 60 == 0 ? count(amount / 60, "minute")
                    : count(amount, "second");
        }

        private static String count(long n, String unit) {
            return n + " " + unit + (n == 1 ? "" : "s");
        }
    }

    /** The texts as times, or null when one of them is null or reads as none of the accepted forms. */
    public static Timestamps parse(List<String> texts) {
        List<LocalDateTime> times = new ArrayList<>(texts.size());
        int[] forms = new int[texts.size()];
        Reader reader = new Reader();
        for (int i = 0; i < texts.size(); i++) {
            LocalDateTime t = reader.read(texts.get(i));
            if (t == null) {
                return null;
            }
            times.add(t);
            forms[i] = reader.form();
        }
        return new Timestamps(List.copyOf(texts), Collections.unmodifiableList(times), forms);
    }

    /**
     * Reads timestamp texts one after another, trying the previous text's form first: a file is normally written in
     * one form, so one parse per row. Not thread-safe.
     */
    public static final class Reader {
        private int last;

        /** The text as a time, or null when it is null or none of the accepted forms. */
        public LocalDateTime read(String text) {
            if (text == null) {
                return null;
            }
            LocalDateTime t = Timestamps.read(text, last);
            for (int f = 0; t == null && f < FORMS.size(); f++) {
                if (f != last && (t = Timestamps.read(text, f)) != null) {
                    last = f;
                }
            }
            return t;
        }

        /** The form of the last text read (see {@link #format}). */
        public int form() {
            return last;
        }

        /** A time written in form {@code form} (for inserted and future steps). */
        public static String format(LocalDateTime t, int form) {
            return FORMS.get(form).format(t);
        }
    }

    /**
     * Counts the differences between consecutive times, in months and in seconds, to infer a series' interval
     * without keeping its times: memory grows with the distinct differences only.
     */
    public static final class IntervalCounter {
        private final Map<Long, Integer> months = new HashMap<>();
        private final Map<Long, Integer> seconds = new HashMap<>();
        private boolean monthly = true;
        private LocalDateTime previous;

        /** Adds the next time of the series. */
        public void add(LocalDateTime t) {
            // Monthly only when every timestamp falls on the first of a month at midnight, since months differ in length.
            monthly &= t.getDayOfMonth() == 1 && t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
            if (previous != null) {
                if (monthly) {
                    count(months, ChronoUnit.MONTHS.between(previous, t));
                }
                count(seconds, ChronoUnit.SECONDS.between(previous, t));
            }
            previous = t;
        }

        private static void count(Map<Long, Integer> counts, long d) {
            if (d > 0) {
                counts.merge(d, 1, Integer::sum);
            }
        }

        /** The most common difference between consecutive increasing times (the smallest of equally common ones); null when none. */
        public Interval interval() {
            ChronoUnit unit = monthly ? ChronoUnit.MONTHS : ChronoUnit.SECONDS;
            long best = 0;
            int bestCount = 0;
            for (Map.Entry<Long, Integer> e : (monthly ? months : seconds).entrySet()) {
                if (e.getValue() > bestCount || e.getValue() == bestCount && e.getKey() < best) {
                    best = e.getKey();
                    bestCount = e.getValue();
                }
            }
            return bestCount == 0 ? null : new Interval(best, unit);
        }

        /** The largest difference between consecutive times, in the unit of {@link #interval()} (0 when none). */
        public long largest() {
            return (monthly ? months : seconds).keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    /** One text as a time, or null when it is none of the accepted forms. */
    public static LocalDateTime parse(String text) {
        Timestamps one = parse(Collections.singletonList(text));
        return one == null ? null : one.time(0);
    }

    private static LocalDateTime read(String text, int form) {
        try {
            TemporalAccessor a = FORMS.get(form).parse(text);
            if (a.isSupported(ChronoField.HOUR_OF_DAY)) {
                return LocalDateTime.from(a);
            }
            return a.isSupported(ChronoField.DAY_OF_MONTH) ? LocalDate.from(a).atStartOfDay() : YearMonth.from(a).atDay(1).atStartOfDay();
        } catch (DateTimeException e) {
            // Includes a year-month form's month 13, which the parser leaves to YearMonth to check.
            return null;
        }
    }

    private static Interval infer(List<LocalDateTime> times) {
        IntervalCounter counter = new IntervalCounter();
        times.forEach(counter::add);
        return counter.interval();
    }

    /** Number of timestamps. */
    public int size() {
        return times.size();
    }

    /** Timestamp {@code i} as a time. */
    public LocalDateTime time(int i) {
        return times.get(i);
    }

    /** Timestamp {@code i} as written. */
    public String text(int i) {
        return texts.get(i);
    }

    /** The series' interval: the most common difference between consecutive timestamps; null with fewer than two increasing ones. */
    public Interval interval() {
        return interval;
    }

    /** A time written in the form of timestamp {@code like} (for inserted and future steps). */
    public String format(LocalDateTime t, int like) {
        return Reader.format(t, forms[like]);
    }

    /** The {@code n} timestamps after the last one, one interval apart, written like the last; null without an interval. */
    public List<String> after(int n) {
        return after(interval, times.get(times.size() - 1), forms[times.size() - 1], n);
    }

    /** The {@code n} timestamps after {@code last}, one {@code interval} apart, written in {@code form}; null without an interval. */
    public static List<String> after(Interval interval, LocalDateTime last, int form, int n) {
        if (interval == null) {
            return null;
        }
        List<String> out = new ArrayList<>(n);
        for (int h = 1; h <= n; h++) {
            out.add(Reader.format(interval.plus(last, h), form));
        }
        return out;
    }
}
