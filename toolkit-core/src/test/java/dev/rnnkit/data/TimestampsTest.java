package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rnnkit.data.timeseries.Timestamps;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void readsDatesDateTimesJoinedColumnsAndMonths() {
        LocalDateTime oneOClock = LocalDateTime.of(2020, 1, 31, 13, 0);
        assertEquals(LocalDateTime.of(2020, 1, 31, 0, 0), Timestamps.parse("2020-01-31"));
        assertEquals(oneOClock, Timestamps.parse("2020-01-31 13:00:00"));
        assertEquals(oneOClock, Timestamps.parse("2020-01-31 13:00"));
        assertEquals(oneOClock, Timestamps.parse("2020-01-31T13:00:00"));
        assertEquals(oneOClock, Timestamps.parse("2020-01-31T13:00"));
        assertEquals(oneOClock, Timestamps.parse("2020-01-31-13"), "[year, month, day, hour] joined");
        assertEquals(LocalDateTime.of(2020, 1, 1, 0, 0), Timestamps.parse("2020-01"));
        assertNull(Timestamps.parse("2021-02-29"), "not a date");
        assertNull(Timestamps.parse("2020-13"));
        assertNull(Timestamps.parse("t1"));
        assertNull(Timestamps.parse("1-01"));
        assertNull(Timestamps.parse(List.of("2020-01-01", "t2")), "one text that is not a date: no times at all");
    }

    @Test
    void infersTheMostCommonStepOfDailyData() {
        // One gap (2 days) does not outvote the daily steps.
        Timestamps t = Timestamps.parse(List.of("1984-12-29", "1984-12-30", "1985-01-01", "1985-01-02", "1985-01-03"));
        assertEquals(new Timestamps.Interval(86_400, ChronoUnit.SECONDS), t.interval());
        assertEquals("1 day", t.interval().toString());
        assertEquals(1, t.interval().missingBetween(t.time(1), t.time(2)));
        assertEquals(0, t.interval().missingBetween(t.time(2), t.time(3)));
        assertEquals(List.of("1985-01-04", "1985-01-05"), t.after(2));
    }

    @Test
    void infersHourlyStepsAcrossMidnightAndTheYearEnd() {
        Timestamps t = Timestamps.parse(List.of("2016-12-31 21:00:00", "2016-12-31 22:00:00", "2016-12-31 23:00:00"));
        assertEquals("1 hour", t.interval().toString());
        assertEquals(List.of("2017-01-01 00:00:00", "2017-01-01 01:00:00"), t.after(2));
    }

    @Test
    void joinedHourColumnsContinueInTheirOwnForm() {
        Timestamps t = Timestamps.parse(List.of("2014-12-31-20", "2014-12-31-22", "2014-12-31-23"));
        assertEquals(new Timestamps.Interval(3_600, ChronoUnit.SECONDS), t.interval(), "the smallest of equally common steps");
        assertEquals(1, t.interval().missingBetween(t.time(0), t.time(1)));
        assertEquals(List.of("2015-01-01-00", "2015-01-01-01", "2015-01-01-02"), t.after(3));
    }

    @Test
    void monthlySeriesStepInCalendarMonths() {
        // 31, 29 and 31 days apart: one month each, so no gaps.
        Timestamps t = Timestamps.parse(List.of("2020-01", "2020-02", "2020-03", "2020-04"));
        assertEquals("1 month", t.interval().toString());
        assertEquals(0, t.interval().missingBetween(t.time(0), t.time(1)));
        assertEquals(2, t.interval().missingBetween(t.time(0), t.time(3)));
        assertEquals(List.of("2020-05", "2020-06"), t.after(2));
        assertEquals("1 year", Timestamps.parse(List.of("2019-01-01", "2020-01-01")).interval().toString());
    }

    @Test
    void noIntervalFromOneTimestamp() {
        Timestamps t = Timestamps.parse(List.of("2020-01-01"));
        assertNull(t.interval());
        assertNull(t.after(2));
    }
}
