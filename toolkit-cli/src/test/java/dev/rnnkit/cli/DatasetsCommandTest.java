package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command's argument handling and output; fetching itself is tested in toolkit-core. */
class DatasetsCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = RnnkitCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void unknownDatasetIsBadInputWithASuggestion(@TempDir Path tmp) {
        assertEquals(2, run("datasets", "fetch", "sst", "--data-dir", tmp.toString()));
        assertEquals("rnnkit: unknown dataset 'sst'; did you mean 'sst2'?" + System.lineSeparator(), err.toString());
        assertEquals("", out.toString());
        assertEquals(0, tmp.toFile().list().length, "nothing is created");
    }

    @Test
    void missingNameIsBadInput() {
        assertEquals(2, run("datasets", "fetch"));
        assertEquals("rnnkit: Missing required parameter: 'NAME' (see 'rnnkit datasets fetch --help')", err.toString().strip());
    }

    @Test
    void listShowsEveryDatasetAndWhatIsPresent(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("timeseries"));
        Files.writeString(tmp.resolve("timeseries/shampoo.csv"), "x".repeat(519));

        assertEquals(0, run("datasets", "list", "--data-dir", tmp.toString(), "--mirror", tmp.resolve("m").toString()));

        assertEquals(String.join(System.lineSeparator(),
                "data directory: " + tmp + " (set by option --data-dir)",
                "mirror:         " + tmp.resolve("m") + " (set by option --mirror)",
                "NAME         FILES      SIZE  PRESENT  LOCATION",
                "sst2             3   3.9 MiB  no       -",
                "conll2003        3   4.6 MiB  no       -",
                "timeseries       7   2.0 MiB  1/7      " + tmp.resolve("timeseries"),
                "french-rap     124  18.2 MiB  no       -",
                "mr               3   1.2 MiB  no       -",
                "ett              1   2.3 MiB  no       -",
                "multi30k         9   6.1 MiB  no       -",
                ""), out.toString());
    }

    @Test
    void pathPrintsTheDatasetDirectory(@TempDir Path tmp) {
        assertEquals(0, run("datasets", "path", "conll2003", "--data-dir", tmp.toString()));
        assertEquals(tmp.resolve("conll2003") + System.lineSeparator(), out.toString());
    }
}
