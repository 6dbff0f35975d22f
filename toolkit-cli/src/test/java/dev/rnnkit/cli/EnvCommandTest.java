package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/** {@code rnnkit env} on this machine's CPU backend: JSON and text output, argument errors. */
class EnvCommandTest {

    @Test
    void jsonIsOneObjectWithTheBackendAndDevices() throws Exception {
        CliTestSupport.Result r = CliTestSupport.run("env", "--json");

        assertEquals(0, r.exitCode(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        for (String key : List.of("backend", "backend_class", "cpu", "native_build", "native_build_selection", "blas_vendor",
                "threads", "devices", "nd4j_environment", "jvm")) {
            assertTrue(o.has(key), key + " in " + r.out());
        }
        assertEquals("CpuBackend", o.get("backend").asText());
        assertTrue(o.get("devices").isArray() && o.get("devices").size() >= 1, r.out());
        JsonNode cpu = o.get("devices").get(0);
        assertEquals("cpu", cpu.get("type").asText());
        assertEquals(Runtime.getRuntime().availableProcessors(), cpu.get("cores").asInt());
        assertTrue(o.get("threads").get("op").asInt() >= 1, r.out());
        assertTrue(o.get("nd4j_environment").has("blas.vendor"), r.out());
    }

    @Test
    void textNamesTheBackendBuildAndEachDevice() {
        CliTestSupport.Result r = CliTestSupport.run("env");

        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("Backend: +CpuBackend \\(org\\.nd4j\\.linalg\\.cpu\\.nativecpu\\.CpuBackend\\)"), r.out());
        assertTrue(r.out().contains("\nNative build:  " + Loader.getPlatform()), r.out());
        int cores = Runtime.getRuntime().availableProcessors();
        assertTrue(lines.stream().anyMatch(l -> l.matches("  0: +cpu: .+, " + cores + " cores?")), r.out());
        assertTrue(r.out().contains("\nND4J environment:\n"), r.out());
    }

    @Test
    void unknownOptionExitsTwo() {
        CliTestSupport.Result r = CliTestSupport.run("env", "--bogus");

        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("rnnkit: Unknown option: '--bogus'"), r.err());
        assertEquals("", r.out());
    }
}
