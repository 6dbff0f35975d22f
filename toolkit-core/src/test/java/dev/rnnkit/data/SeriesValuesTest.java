package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnkit.train.TrainFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values whose squares overflow are refused with file and line, not turned into Infinity and NaN scores. */
class SeriesValuesTest {

    @TempDir
    Path dir;

    @Test
    void aValueOf1e308IsRefusedWithItsLine() throws Exception {
        Path data = TrainFixtures.forecastData(dir.resolve("data"));
        List<String> lines = new ArrayList<>(Files.readAllLines(data.resolve("series.csv")));
        lines.set(10, lines.get(10).split(",")[0] + ",1e308");
        Files.write(data.resolve("series.csv"), lines);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataPipelines.prepare(TrainFixtures.config(TrainFixtures.FORECAST), data));
        assertEquals("series.csv:11: column 'temp': 1e308 is beyond +-1e150, where squared errors overflow; rescale the column",
                e.getMessage());
    }
}
