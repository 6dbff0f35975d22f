package dev.rnnkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeBudgetTest {

    @Test
    void readsUnitsAndTheirSums() {
        assertEquals(Duration.ofSeconds(90), TimeBudget.parse("90s"));
        assertEquals(Duration.ofMinutes(30), TimeBudget.parse("30m"));
        assertEquals(Duration.ofHours(2), TimeBudget.parse("2h"));
        assertEquals(Duration.ofMinutes(90), TimeBudget.parse("1h30m"));
        assertEquals(Duration.ofMinutes(90), TimeBudget.parse("1.5h"));
        assertEquals(Duration.ofDays(1), TimeBudget.parse("1d"));
        assertEquals(Duration.ofMinutes(45), TimeBudget.parse("PT45M"));
        assertEquals(Duration.ofMinutes(45), TimeBudget.parse(" 45M "));
    }

    @Test
    void rejectsWhatIsNotAPositiveDuration() {
        for (String bad : new String[]{"", "30", "m", "30 m", "30x", "1h 30m", "m30", "PT", "-5m"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeBudget.parse(bad), bad);
            assertEquals("expected a duration such as 90s, 30m, 2h or 1h30m, got '" + bad + "'", e.getMessage());
        }
        assertEquals("must be a positive duration, got '0m'", assertThrows(IllegalArgumentException.class, () -> TimeBudget.parse("0m")).getMessage());
    }
}
