package dev.rnnkit.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Environment} on this machine: toolkit-core's tests run on ND4J's CPU backend. */
class EnvironmentTest {

    @Test
    void describesTheCpuBackendThisTestRunsOn() {
        Environment env = Environment.describe();
        assertEquals("CpuBackend", env.backend());
        assertEquals("org.nd4j.linalg.cpu.nativecpu.CpuBackend", env.backendClass());
        assertTrue(env.cpu());
        assertTrue(env.nativeBuild().startsWith(Loader.getPlatform()), env.nativeBuild());
        assertFalse(env.nativeBuildSelection().isBlank());
        assertTrue(env.blasVendor().startsWith("OPENBLAS"), env.blasVendor());
        assertTrue(env.threads().opThreads() >= 1, env.threads().describe());
        assertTrue(env.threads().poolThreads() >= env.threads().opThreads(), env.threads().describe());
        assertEquals(System.getenv("OMP_NUM_THREADS"), env.ompNumThreadsEnv());
        assertEquals(Runtime.getRuntime().maxMemory(), env.maxHeapBytes());
        assertEquals(Runtime.version().toString(), env.javaVersion());
    }

    @Test
    void listsEveryDeviceNd4jReportsAndTheCpuCores() {
        Environment env = Environment.describe();
        int cores = Runtime.getRuntime().availableProcessors();
        assertTrue(cores > 0);
        assertEquals(Nd4j.getAffinityManager().getNumberOfDevices(), env.devices().size());
        assertTrue(env.devices().size() >= 1);
        Environment.Device cpu = env.devices().get(0);
        assertEquals(0, cpu.id());
        assertEquals("cpu", cpu.type());
        assertEquals(cores, cpu.cores());
        assertFalse(cpu.name().isBlank());
        assertNull(cpu.totalMemoryBytes());
        assertTrue(cpu.summary().startsWith("cpu: "), cpu.summary());
        assertTrue(cpu.summary().endsWith(", " + cores + (cores == 1 ? " core" : " cores")), cpu.summary());
    }

    @Test
    void carriesNd4jsOwnReport() {
        Map<String, Object> info = Environment.describe().nd4jEnvironment();
        assertEquals("CPU", info.get("backend"));
        assertEquals(Runtime.getRuntime().availableProcessors(), info.get("cores"));
        assertTrue(String.valueOf(info.get("blas.vendor")).startsWith("OPENBLAS"), info.toString());
        assertThrows(UnsupportedOperationException.class, () -> info.put("x", 1));
    }

    @Test
    void toMapIsJsonWithTheBackendAndDevices() throws Exception {
        Environment env = Environment.describe();
        ObjectMapper json = new ObjectMapper();
        JsonNode tree = json.readTree(json.writeValueAsString(env.toMap()));
        assertEquals("CpuBackend", tree.get("backend").asText());
        assertEquals(env.nativeBuild(), tree.get("native_build").asText());
        assertEquals(env.devices().size(), tree.get("devices").size());
        assertEquals("cpu", tree.get("devices").get(0).get("type").asText());
        assertEquals(Runtime.getRuntime().availableProcessors(), tree.get("devices").get(0).get("cores").asInt());
        assertFalse(tree.get("devices").get(0).has("total_memory_bytes"));
        assertEquals(env.threads().opThreads(), tree.get("threads").get("op").asInt());
        assertEquals("CPU", tree.get("nd4j_environment").get("backend").asText());
        assertEquals(env.maxHeapBytes(), tree.get("jvm").get("max_heap_bytes").asLong());
    }

    @Test
    void gpuDevicesAreReadFromNd4jsCudaReport() {
        // The shape CudaExecutioner.getEnvironmentInformation() reports, as this machine has no GPU to ask.
        Properties p = new Properties();
        p.put("backend", "CUDA");
        p.put("cuda.devicesInformation", List.of(Map.of("cuda.deviceName", "NVIDIA H200", "cuda.totalMemory", 150_000_000_000L,
                "cuda.freeMemory", 149_000_000_000L, "cuda.deviceMajor", 9, "cuda.deviceMinor", 0)));
        Map<String, Object> info = Environment.jsonValues(p);
        Environment.Device gpu = Environment.gpuDevice(0, "JCublasBackend", info);
        assertEquals(new Environment.Device(0, "cuda", "NVIDIA H200", null, 150_000_000_000L, 149_000_000_000L, "9.0"), gpu);
        assertEquals("cuda: NVIDIA H200, 139.7 GiB (138.8 GiB free), compute capability 9.0", gpu.summary());
        assertEquals("unknown", Environment.gpuDevice(1, "JCublasBackend", info).name());
    }
}
