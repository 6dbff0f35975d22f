package dev.rnnkit.data;

import static dev.rnnkit.data.Fixtures.config;
import static dev.rnnkit.data.Fixtures.rows;
import static dev.rnnkit.data.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.config.DataConfig;
import dev.rnnkit.config.TimeSeriesDataConfig;
import dev.rnnkit.data.timeseries.SeriesReader;
import dev.rnnkit.data.timeseries.SeriesRow;
import dev.rnnkit.data.timeseries.TimeSeriesState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timestamps that read as dates are checked: in time order, and gaps per data.time_series.gaps. */
class SeriesTimestampsTest {

    @TempDir
    Path dir;

    private static final String YAML = """
            input: {type: dense}
            output: {type: forecast}
            data:
              train: s.csv
              shuffle: false
              prefetch: 0
              time_series: {timestamp_columns: [%s], target_columns: [v], lookback: 1, normalization: none%s}
            """;

    private static TimeSeriesDataConfig settings(String extra) {
        return config(YAML.formatted("d", extra)).data().timeSeries();
    }

    private List<SeriesRow> read(String csv, String extra) {
        write(dir, "s.csv", csv);
        return SeriesReader.read(dir.resolve("s.csv"), "s.csv", settings(extra), new ReadLog(DataConfig.OnError.FAIL));
    }

    private DataFormatException fails(String csv, String extra) {
        return assertThrows(DataFormatException.class, () -> read(csv, extra));
    }

    @Test
    void aReversedSeriesFailsNamingTheLineAndBothTimestamps() {
        DataFormatException e = fails("d,v\n2020-01-03,3\n2020-01-02,2\n2020-01-01,1\n", "");
        assertEquals("s.csv:3: timestamp '2020-01-02' is not after '2020-01-03' on line 2; rows must be in time order, each step once",
                e.getMessage());
        // Also with gaps: ignore: order is always checked.
        assertEquals(3, fails("d,v\n2020-01-03,3\n2020-01-02,2\n", ", gaps: ignore").line());
    }

    @Test
    void aRepeatedTimestampFails() {
        DataFormatException e = fails("d,v\n2020-01-01 00:00:00,1\n2020-01-01 01:00:00,2\n2020-01-01 01:00:00,3\n", "");
        assertEquals("s.csv", e.file());
        assertEquals(4, e.line());
        assertEquals("timestamp '2020-01-01 01:00:00' is not after '2020-01-01 01:00:00' on line 3; rows must be in time order, "
                + "each step once", e.reason());
    }

    @Test
    void aGapFailsByDefaultNamingTheGapAndTheFix() {
        DataFormatException e = fails("d,v\n2020-01-01,1\n2020-01-02,2\n2020-01-05,5\n2020-01-06,6\n", "");
        assertEquals("s.csv:4: 2 steps missing between 2020-01-02 and 2020-01-05 (the series' interval is 1 day); "
                + "set data.time_series.gaps: fill (insert them as missing values) or gaps: ignore", e.getMessage());
    }

    @Test
    void aGapLeftByASkippedRowNamesItsLine() {
        write(dir, "s.csv", "d,v\n2020-01-01,1\n2020-01-02,x\n2020-01-03,3\n2020-01-04,4\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> SeriesReader.read(dir.resolve("s.csv"), "s.csv",
                settings(""), new ReadLog(DataConfig.OnError.SKIP)));
        assertEquals(4, e.line());
        assertTrue(e.reason().startsWith("1 step missing between 2020-01-01 and 2020-01-03 (the series' interval is 1 day); "
                + "line 3 between them was not read;"), e.reason());
    }

    @Test
    void ignoredGapsAreReadAsTheyAre() {
        List<SeriesRow> rows = read("d,v\n2020-01-01,1\n2020-01-02,2\n2020-01-05,5\n", ", gaps: ignore");
        assertEquals(List.of("2020-01-01", "2020-01-02", "2020-01-05"), rows.stream().map(SeriesRow::timestamp).toList());
    }

    @Test
    void filledGapsAreMissingValuesThatTheMissingPolicyHandles() {
        List<SeriesRow> rows = read("d,v\n2020-01-01,1\n2020-01-02,2\n2020-01-05,5\n", ", gaps: fill, missing: drop");
        assertEquals(List.of("2020-01-01", "2020-01-02", "2020-01-03", "2020-01-04", "2020-01-05"),
                rows.stream().map(SeriesRow::timestamp).toList());
        assertEquals(List.of(2L, 3L, 4L, 4L, 4L), rows.stream().map(SeriesRow::line).toList(), "inserted steps carry the next row's line");
        assertTrue(Double.isNaN(rows.get(2).numbers()[0]) && Double.isNaN(rows.get(3).numbers()[0]));

        DataFormatException e = fails("d,v\n2020-01-01,1\n2020-01-02,2\n2020-01-05,5\n", ", gaps: fill");
        assertEquals(4, e.line());
        assertTrue(e.reason().startsWith("2 steps missing between 2020-01-02 and 2020-01-05 would be inserted as missing values"), e.reason());
    }

    @Test
    void filledAndForwardFilledGapsGiveTrainingWindows() {
        write(dir, "s.csv", "d,v\n2020-01-01,1\n2020-01-02,2\n2020-01-05,5\n2020-01-06,6\n2020-01-07,7\n");
        PreparedData data = DataPipelines.prepare(config(YAML.formatted("d", ", gaps: fill, missing: ffill")), dir);
        org.nd4j.linalg.dataset.api.MultiDataSet train = data.train().next();
        // 2020-01-03 and -04 carry 2 forward.
        assertEquals("1 | 2 | 2 | 2 | 5 | 6", rows(train.getFeatures(0).reshape(6, 1)));
        assertEquals("2 | 2 | 2 | 5 | 6 | 7", rows(train.getLabels(0)));
        TimeSeriesState state = data.artefact().timeSeries();
        assertEquals(List.of("2020-01-03"), state.encode(dir.resolve("s.csv")).targetTimestamps().get(1));
    }

    @Test
    void joinedHourColumnsAreFilledInTheirForm() {
        write(dir, "s.csv", "year,month,day,hour,v\n2010,1,1,0,1\n2010,1,1,1,2\n2010,1,1,4,5\n");
        TimeSeriesDataConfig s = config(YAML.formatted("year, month, day, hour", ", gaps: fill, missing: ffill")).data().timeSeries();
        List<SeriesRow> rows = SeriesReader.read(dir.resolve("s.csv"), "s.csv", s, new ReadLog(DataConfig.OnError.FAIL));
        assertEquals(List.of("2010-01-01-00", "2010-01-01-01", "2010-01-01-02", "2010-01-01-03", "2010-01-01-04"),
                rows.stream().map(SeriesRow::timestamp).toList());
        assertEquals(2.0, rows.get(3).numbers()[0]);
    }

    @Test
    void timestampsThatAreNotDatesAreNotChecked() {
        List<SeriesRow> rows = read("d,v\nt2,1\nt1,2\nt1,3\n", "");
        assertEquals(3, rows.size());
    }
}
