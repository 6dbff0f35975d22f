package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** RNNKIT_LOG_LEVEL, read by logback.xml in a real rnnkit process. */
class LogLevelTest {

    private record Run(int code, String err) {
    }

    private static Run rnnkit(String level, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(dev.rnnkit.sweep.TrialLauncher.currentJvm(RnnkitCli.class.getName(), true).prefix());
        // The shipped logback.xml, not the tests' logback-test.xml that the test class path would pick.
        cmd.add(1, "-Dlogback.configurationFile=logback.xml");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove(LogLevel.ENV);
        if (level != null) {
            pb.environment().put(LogLevel.ENV, level);
        }
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Run(p.exitValue(), err);
    }

    @Test
    void debugShowsWhatTheLibrariesDoAndTheDefaultIsQuiet() throws Exception {
        Run quiet = rnnkit(null, "env");
        assertEquals(0, quiet.code(), quiet.err());
        assertFalse(quiet.err().contains(" DEBUG "), quiet.err());
        Run debug = rnnkit("debug", "env");
        assertEquals(0, debug.code(), debug.err());
        assertTrue(debug.err().contains(" DEBUG "), "debug lines from ND4J or DL4J expected:\n" + debug.err());
    }

    @Test
    void aMisspeltLevelIsOneLineAndExit2() throws Exception {
        Run r = rnnkit("loud", "env");
        assertEquals(2, r.code());
        assertEquals("rnnkit: RNNKIT_LOG_LEVEL: expected one of trace, debug, info, warn, error, off, got 'loud'", r.err().strip());
    }
}
