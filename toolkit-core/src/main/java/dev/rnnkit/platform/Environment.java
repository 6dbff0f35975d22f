package dev.rnnkit.platform;

import dev.rnnkit.benchmark.NativeThreads;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * What this process computes on: the ND4J backend and native build, BLAS, threads, devices and the JVM.
 *
 * <p>{@link #describe()} gathers it (loading ND4J if needed); {@link #toMap()} gives the same as nested maps and
 * lists of JSON types, with snake_case keys, for {@code rnnkit env --json}. Only backend-neutral ND4J API is used,
 * so it reports the CPU and the CUDA backend alike.
 *
 * @param backend              ND4J's backend class, simple name: {@code CpuBackend}, {@code JCublasBackend}
 * @param backendClass         the same, fully qualified
 * @param cpu                  whether ND4J computes on the CPU ({@code Nd4j.getEnvironment().isCPU()})
 * @param nativeBuild          the libnd4j build that loaded ({@link NativeBuild#loaded()})
 * @param nativeBuildSelection why that build ({@link NativeBuild#selectDefault()}), e.g.
 *                             {@code "onednn-avx512 (auto: CPU level avx512)"}
 * @param blasVendor           the BLAS library ND4J calls ({@link NativeBuild#blasVendor()}), e.g. {@code OPENBLAS}
 * @param threads              libnd4j op and pool threads, OpenMP and BLAS threads, read on the calling thread
 * @param ompNumThreadsEnv     the {@code OMP_NUM_THREADS} environment variable; null where unset
 * @param devices              the devices ND4J computes on ({@code Nd4j.getAffinityManager().getNumberOfDevices()})
 * @param nd4jEnvironment      ND4J's own report ({@code Nd4j.getExecutioner().getEnvironmentInformation()}), sorted
 *                             by key: {@code cores}, {@code blas.vendor}, {@code memory.*}, {@code cuda.*} on a GPU
 * @param javaVersion          the JVM's version ({@code Runtime.version()})
 * @param javaVendor           the JVM's vendor and name
 * @param maxHeapBytes         the JVM's maximum heap ({@code Runtime.maxMemory()})
 */
public record Environment(String backend, String backendClass, boolean cpu, String nativeBuild,
        String nativeBuildSelection, String blasVendor, NativeThreads threads, String ompNumThreadsEnv,
        List<Device> devices, Map<String, Object> nd4jEnvironment, String javaVersion, String javaVendor,
        long maxHeapBytes) {

    /**
     * One device ND4J computes on.
     *
     * @param id                ND4J's device number
     * @param type              {@code cpu}, or {@code cuda} on the CUDA backend
     * @param name              the CPU model (/proc/cpuinfo) or the GPU's name
     * @param cores             the cores the JVM may use ({@code Runtime.availableProcessors()}); null for a GPU
     * @param totalMemoryBytes  a GPU's memory; null for the CPU
     * @param freeMemoryBytes   a GPU's free memory when ND4J asked; null for the CPU
     * @param computeCapability a GPU's CUDA compute capability, e.g. {@code 9.0}; null for the CPU
     */
    public record Device(int id, String type, String name, Integer cores, Long totalMemoryBytes, Long freeMemoryBytes,
            String computeCapability) {

        /** One line, e.g. {@code cpu: Intel(R) Xeon(R) ..., 2 cores} or {@code cuda: NVIDIA H200, 139.8 GiB, cc 9.0}. */
        public String summary() {
            StringBuilder s = new StringBuilder(type).append(": ").append(name);
            if (cores != null) {
                s.append(", ").append(cores).append(cores == 1 ? " core" : " cores");
            }
            if (totalMemoryBytes != null) {
                s.append(", ").append(gib(totalMemoryBytes));
                if (freeMemoryBytes != null) {
                    s.append(" (").append(gib(freeMemoryBytes)).append(" free)");
                }
            }
            if (computeCapability != null) {
                s.append(", compute capability ").append(computeCapability);
            }
            return s.toString();
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("type", type);
            m.put("name", name);
            putIfSet(m, "cores", cores);
            putIfSet(m, "total_memory_bytes", totalMemoryBytes);
            putIfSet(m, "free_memory_bytes", freeMemoryBytes);
            putIfSet(m, "compute_capability", computeCapability);
            return Collections.unmodifiableMap(m);
        }
    }

    public Environment {
        devices = List.copyOf(devices);
        nd4jEnvironment = Collections.unmodifiableMap(new TreeMap<>(nd4jEnvironment));
    }

    /** The environment of this process. Picks the native build first (if nothing did yet), then loads ND4J. */
    public static Environment describe() {
        String selection = NativeBuild.selectDefault();
        Nd4jBackend nd4jBackend = Nd4j.getBackend();
        String nativeBuild = NativeBuild.loaded();
        boolean cpu = Nd4j.getEnvironment().isCPU();
        String blas;
        try {
            blas = NativeBuild.blasVendor();
        } catch (RuntimeException e) {
            blas = "unknown (" + e.getClass().getSimpleName() + ")";
        }
        Map<String, Object> info = jsonValues(Nd4j.getExecutioner().getEnvironmentInformation());
        int count = Nd4j.getAffinityManager().getNumberOfDevices();
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            devices.add(cpu ? cpuDevice(i) : gpuDevice(i, nd4jBackend.getClass().getSimpleName(), info));
        }
        Runtime rt = Runtime.getRuntime();
        return new Environment(nd4jBackend.getClass().getSimpleName(), nd4jBackend.getClass().getName(), cpu,
                nativeBuild, selection, blas, NativeThreads.current(), System.getenv("OMP_NUM_THREADS"), devices, info,
                Runtime.version().toString(),
                System.getProperty("java.vendor", "?") + " " + System.getProperty("java.vm.name", ""),
                rt.maxMemory());
    }

    /** Everything as JSON-ready nested maps and lists (snake_case keys; unset values left out). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", backend);
        m.put("backend_class", backendClass);
        m.put("cpu", cpu);
        m.put("native_build", nativeBuild);
        m.put("native_build_selection", nativeBuildSelection);
        m.put("blas_vendor", blasVendor);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("op", threads.opThreads());
        t.put("pool", threads.poolThreads());
        t.put("omp", threads.ompThreads());
        t.put("blas", threads.blasThreads());
        putIfSet(t, "omp_num_threads_env", ompNumThreadsEnv);
        m.put("threads", Collections.unmodifiableMap(t));
        m.put("devices", devices.stream().map(Device::toMap).toList());
        m.put("nd4j_environment", nd4jEnvironment);
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("version", javaVersion);
        jvm.put("vendor", javaVendor);
        jvm.put("max_heap_bytes", maxHeapBytes);
        m.put("jvm", Collections.unmodifiableMap(jvm));
        return Collections.unmodifiableMap(m);
    }

    /** A size in GiB with one decimal, e.g. {@code 7.8 GiB}. */
    public static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    private static Device cpuDevice(int id) {
        return new Device(id, "cpu", cpuModel(), Runtime.getRuntime().availableProcessors(), null, null, null);
    }

    static Device gpuDevice(int id, String backend, Map<String, Object> info) {
        String type = backend.toLowerCase(Locale.ROOT).matches(".*(cuda|cublas).*")
                || info.containsKey(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY) ? "cuda" : "device";
        Map<?, ?> d = info.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY) instanceof List<?> l && id < l.size()
                && l.get(id) instanceof Map<?, ?> dm ? dm : Map.of();
        Object name = d.get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY);
        Object major = d.get(Nd4jEnvironment.CUDA_DEVICE_MAJOR_VERSION_KEY);
        Object minor = d.get(Nd4jEnvironment.CUDA_DEVICE_MINOR_VERSION_KEY);
        return new Device(id, type, name == null ? "unknown" : String.valueOf(name).strip(), null,
                asLong(d.get(Nd4jEnvironment.CUDA_TOTAL_MEMORY_KEY)), asLong(d.get(Nd4jEnvironment.CUDA_FREE_MEMORY_KEY)),
                major == null ? null : major + "." + (minor == null ? "?" : minor));
    }

    private static Long asLong(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }

    /** The CPU's model name from /proc/cpuinfo, else the JVM's os.arch. */
    static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                var model = lines.filter(l -> l.startsWith("model name")).findFirst()
                        .map(l -> l.substring(l.indexOf(':') + 1).strip());
                if (model.isPresent() && !model.get().isEmpty()) {
                    return model.get();
                }
            } catch (IOException | RuntimeException e) {
                // fall through to the architecture
            }
        }
        return System.getProperty("os.arch", "unknown");
    }

    /** ND4J's report as JSON types: numbers, booleans and strings kept; maps and lists converted; the rest as text. */
    static Map<String, Object> jsonValues(Properties properties) {
        Map<String, Object> out = new TreeMap<>();
        if (properties != null) {
            properties.forEach((k, v) -> out.put(String.valueOf(k), jsonValue(v)));
        }
        return out;
    }

    private static Object jsonValue(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> m = new TreeMap<>();
            map.forEach((k, x) -> m.put(String.valueOf(k), jsonValue(x)));
            return Collections.unmodifiableMap(m);
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(Environment::jsonValue).toList();
        }
        if (v.getClass().isArray()) {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                l.add(jsonValue(Array.get(v, i)));
            }
            return Collections.unmodifiableList(l);
        }
        return String.valueOf(v);
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
