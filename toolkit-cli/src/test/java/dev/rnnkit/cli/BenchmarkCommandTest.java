package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code rnnkit benchmark} with tiny networks: output formats and argument errors; timing is tested in toolkit-core. */
class BenchmarkCommandTest {

    private static final String[] TINY = {"benchmark", "--sizes", "4,3", "--batch", "2", "--steps", "3", "--inputs", "2",
            "--warmup", "1", "--repeats", "2"};

    private static String[] tiny(String... more) {
        String[] args = java.util.Arrays.copyOf(TINY, TINY.length + more.length);
        System.arraycopy(more, 0, args, TINY.length, more.length);
        return args;
    }

    @Test
    void jsonPrintsOneObjectPerCellAndSizeWithTheDocumentedKeys() throws Exception {
        CliTestSupport.Result r = CliTestSupport.run(tiny("--cells", "lstm,gru", "--bidirectional", "--threads", "1", "--json"));

        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out());
        ObjectMapper json = new ObjectMapper();
        String[] cells = {"lstm", "gru", "lstm", "gru"};
        int[] sizes = {4, 4, 3, 3};
        for (int i = 0; i < lines.size(); i++) {
            JsonNode o = json.readTree(lines.get(i));
            for (String key : List.of("cell", "size", "bidirectional", "batch", "steps", "inputs", "threads", "ms_per_step",
                    "min_ms", "max_ms", "examples_per_s", "backend", "parameters")) {
                assertTrue(o.has(key), key + " in " + lines.get(i));
            }
            assertEquals(cells[i], o.get("cell").asText());
            assertEquals(sizes[i], o.get("size").asInt());
            assertTrue(o.get("bidirectional").asBoolean());
            assertEquals(2, o.get("batch").asInt());
            assertEquals(1, o.get("threads").asInt());
            assertTrue(o.get("ms_per_step").asDouble() > 0);
            assertEquals(2 / (o.get("ms_per_step").asDouble() / 1000), o.get("examples_per_s").asDouble(),
                    0.01 + 1e-3 * o.get("examples_per_s").asDouble());
        }
        assertTrue(r.err().startsWith("ND4J "), "backend line on stderr: " + r.err());
    }

    @Test
    void tablePrintsTheBackendLineAHeaderAndOneRowPerCellAndSize() {
        CliTestSupport.Result r = CliTestSupport.run(tiny("--cells", "rnn"));

        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("ND4J ") && lines.get(0).contains("threads: "), lines.get(0));
        assertEquals(List.of("cell", "dir", "H", "ms/step", "examples/s", "params"), List.of(lines.get(1).trim().split("\\s+")));
        assertTrue(lines.get(2).matches("rnn +uni +4 +[0-9.]+ +[0-9]+ +[0-9]+"), lines.get(2));
        assertTrue(lines.get(3).matches("rnn +uni +3 +[0-9.]+ +[0-9]+ +[0-9]+"), lines.get(3));
    }

    @Test
    void unknownCellIsOneLineNamingTheOptionAndTheValidValues() {
        CliTestSupport.Result r = CliTestSupport.run("benchmark", "--cells", "lstn");

        assertEquals(2, r.exitCode());
        assertEquals("rnnkit: --cells has an unknown cell 'lstn' (did you mean 'lstm'?); valid values: lstm, gru, rnn"
                + System.lineSeparator(), r.err());
        assertEquals("", r.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--sizes|128,0|rnnkit: --sizes values must be >= 1, got 0",
            "--threads|0|rnnkit: --threads must be >= 1, got 0",
            "--batch|-1|rnnkit: --batch must be >= 1, got -1",
            "--repeats|0|rnnkit: --repeats must be >= 1, got 0",
            "--warmup|-2|rnnkit: --warmup must be >= 0, got -2"})
    void outOfRangeNumbersAreOneLineAndExit2(String option, String value, String message) {
        CliTestSupport.Result r = CliTestSupport.run("benchmark", option, value);

        assertEquals(2, r.exitCode());
        assertEquals(message + System.lineSeparator(), r.err());
    }

    @Test
    void nonNumericSizeIsBadInput() {
        CliTestSupport.Result r = CliTestSupport.run("benchmark", "--sizes", "12x");

        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("rnnkit: Invalid value for option '--sizes'"), r.err());
    }

    @Test
    void helpListsEveryOption() {
        CliTestSupport.Result r = CliTestSupport.run("benchmark", "--help");

        assertEquals(0, r.exitCode());
        for (String option : List.of("--cells", "--sizes", "--batch", "--steps", "--inputs", "--bidirectional",
                "--threads", "--warmup", "--repeats", "--json")) {
            assertTrue(r.out().contains(option), option);
        }
    }
}
