package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.train.TrainFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rnnkit backtest} and {@code predict}'s forecast past the end, from the command line. */
class BacktestCommandTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void trainOnce() throws Exception {
        TrainFixtures.forecastData(dir.resolve("data"));
        Files.writeString(dir.resolve("fc.yaml"), TrainFixtures.FORECAST);
        CliTestSupport.Result r = CliTestSupport.run("train", dir.resolve("fc.yaml").toString(), "--data-dir", dir.resolve("data").toString(),
                "--run-dir", dir.resolve("run").toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void aBacktestWritesItsScoresAndFiles() {
        CliTestSupport.Result r = CliTestSupport.run("backtest", dir.resolve("run").toString(), "--data-dir", dir.resolve("data").toString(),
                "--start", "2020-02-01", "--stride", "2", "--out", dir.resolve("bt").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("backtest over 24 origins"), r.out());
        assertTrue(r.out().contains("persistence") && r.out().contains("mse_norm"), r.out());
        for (String f : List.of("metrics.json", "metrics.txt", "forecasts.csv", "forecast-temp-step1.png", "errors-by-step-temp.png")) {
            assertTrue(Files.isRegularFile(dir.resolve("bt").resolve(f)), f);
        }
    }

    @Test
    void predictForecastsPastTheLastRow() throws Exception {
        List<String> rows = Files.readAllLines(dir.resolve("data/series.csv"));
        Path last = Files.write(dir.resolve("last.csv"), java.util.stream.Stream.concat(rows.stream().limit(1),
                rows.stream().skip(rows.size() - 6)).toList());
        CliTestSupport.Result r = CliTestSupport.run("predict", dir.resolve("run").toString(), "--input", last.toString());
        assertEquals(0, r.exitCode(), r.err());
        String line = r.out().strip();
        assertEquals(1, line.lines().count(), r.out());
        assertTrue(line.contains("\"timestamps\":[\"2020-03-21\",\"2020-03-22\"]") && line.contains("\"future\":true"), line);
    }

    @Test
    void badBacktestArgumentsAreOneLineAndExit2() {
        String run = dir.resolve("run").toString();
        assertBad(CliTestSupport.run("backtest", run, "--stride", "0"), "--stride must be at least 1");
        assertBad(CliTestSupport.run("backtest", run, "--start", "2020-03-01", "--end", "2020-02-01"), "--end must come after --start");
        assertBad(CliTestSupport.run("backtest", run, "--folds", "2", "--data", "x.csv"), "--data is for backtests of a trained model");
        assertBad(CliTestSupport.run("backtest", dir.resolve("nowhere").toString()), "no such run directory");
        assertBad(CliTestSupport.run("backtest", run, "--data-dir", dir.resolve("data").toString(), "--plot-steps", "3",
                "--out", dir.resolve("bt3").toString()), "plot step 3 is outside the horizon 1..2");
        assertTrue(!Files.exists(dir.resolve("bt3/metrics.json")), "nothing half-written");
        assertBad(CliTestSupport.run("backtest", run, "--data-dir", dir.resolve("data").toString(), "--start", "2031-01-01"),
                "no forecast origin");
    }

    private static void assertBad(CliTestSupport.Result r, String words) {
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().lines().findFirst().orElse("").contains(words), r.err());
    }
}
