package dev.rnnkit.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the fastest ND4J native (libnd4j) build on the classpath that this CPU can run, before ND4J loads.
 *
 * <p>ND4J's {@code nd4j-native} artifact comes in several builds per platform, told apart by a classifier
 * suffix: the plain one (generic x86-64), {@code -avx2}, {@code -avx512} and oneDNN builds {@code -onednn},
 * {@code -onednn-avx2}, {@code -onednn-avx512}. Several can sit on one classpath; JavaCPP loads the one named
 * by the system property {@value #EXTENSION_PROPERTY} and falls back to the plain one when that property is
 * unset or names a build that is not there. {@link #selectDefault()} sets the property from the CPU's flags
 * (/proc/cpuinfo) and the builds present, in the order {@link #PREFERENCE} (measured in docs/performance.md:
 * the oneDNN builds run {@code Nd4j.gemm}/matmul 2-3x faster; elementwise ops are the same in every build).
 *
 * <p>Overrides: {@code RNNKIT_NATIVE} (environment) or {@code -Drnnkit.native}: {@code auto} (default),
 * {@code generic}, {@code avx2}, {@code avx512} (the best build present for that level, oneDNN first) or an
 * exact build such as {@code onednn-avx2}; and an explicit {@code -D}{@value #EXTENSION_PROPERTY} is never
 * changed. JavaCPP reads the property once, when its {@code Loader} is first used (by ND4J or any other JavaCPP
 * library); after that this has no effect, so call it first (rnnkit's CLI, examples, config loader and trainer
 * do). {@link #loaded()} reports what actually loaded.
 */
public final class NativeBuild {

    /** The JavaCPP system property that names the build to load. */
    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    /** The environment variable that overrides the choice. */
    public static final String ENV = "RNNKIT_NATIVE";
    /** The system property that overrides the choice (wins over the environment variable). */
    public static final String PROPERTY = "rnnkit.native";

    /** Builds in order of preference for each CPU level; "" is the generic build. */
    static final Map<String, List<String>> PREFERENCE = Map.of(
            "avx512", List.of("-onednn-avx512", "-avx512", "-onednn-avx2", "-avx2", ""),
            "avx2", List.of("-onednn-avx2", "-avx2", ""),
            "generic", List.of(""));

    private static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/";
    private static final Logger LOG = LoggerFactory.getLogger(NativeBuild.class);

    private static String reason;

    private NativeBuild() {
    }

    /**
     * Chooses the build for this machine once per JVM (later calls return the first answer) and sets
     * {@value #EXTENSION_PROPERTY}. Returns a one-line account of the choice, e.g.
     * {@code "onednn-avx512 (auto: CPU level avx512)"}.
     */
    public static synchronized String selectDefault() {
        if (reason == null) {
            try {
                reason = select(System.getProperty(PROPERTY, System.getenv(ENV)), cpuFlags());
            } catch (RuntimeException | LinkageError e) {
                // Never let the choice of a faster build stop a run: ND4J falls back to the generic build.
                reason = "generic (selection failed: " + e + ")";
            }
            LOG.debug("ND4J native build: {}", reason);
        }
        return reason;
    }

    static String select(String request, Set<String> flags) {
        // No JavaCPP call before the property is set: JavaCPP's Loader reads it once, on its first use.
        String preset = System.getProperty(EXTENSION_PROPERTY);
        if (preset != null) {
            return (preset.isEmpty() ? "generic" : preset) + " (set by -D" + EXTENSION_PROPERTY + ")";
        }
        String platform = platform();
        if (!platform.endsWith("-x86_64")) {
            return "unchanged (platform " + platform + ")";
        }
        if (!present(platform, "")) {
            // Not ND4J's CPU backend (e.g. the CUDA one, whose own "-cudnn" build JavaCPP must stay free to pick).
            return "unchanged (no nd4j-native " + platform + " on the classpath)";
        }
        String level = cpuLevel(flags);
        String req = request == null || request.isBlank() ? "auto" : request.strip().toLowerCase(Locale.ROOT);
        List<String> candidates;
        String why;
        switch (req) {
            case "auto" -> {
                candidates = PREFERENCE.get(level);
                why = "auto: CPU level " + level;
            }
            case "generic" -> {
                candidates = List.of("");
                why = ENV + "=generic";
            }
            case "avx2", "avx512" -> {
                candidates = PREFERENCE.get(req).stream().filter(e -> e.isEmpty() || e.endsWith(req)).toList();
                why = ENV + "=" + req;
            }
            default -> {
                candidates = List.of(req.startsWith("-") ? req : "-" + req, "");
                why = ENV + "=" + req;
            }
        }
        for (String ext : candidates) {
            // Never a build this CPU cannot run: ND4J would exit with "CPU Feature Check Failed".
            if (ext.isEmpty() || (present(platform, ext) && LEVELS.indexOf(levelOf(ext)) <= LEVELS.indexOf(level))) {
                // Set even for the generic build: left unset, JavaCPP takes the first build of its own list it finds.
                System.setProperty(EXTENSION_PROPERTY, ext);
                String chosen = ext.isEmpty() ? "generic" : ext.substring(1);
                if (ext.isEmpty() && !"auto".equals(req) && !"generic".equals(req)) {
                    LOG.warn("{}={} is not available here (CPU level {}, builds present: {}); using {}", ENV, req, level,
                            presentBuilds(platform), chosen);
                }
                return chosen + " (" + why + ")";
            }
        }
        System.setProperty(EXTENSION_PROPERTY, "");
        return "generic (" + why + ")";
    }

    /** JavaCPP's platform name ("linux-x86_64", ...), worked out as JavaCPP does but without loading JavaCPP. */
    static String platform() {
        String set = System.getProperty("org.bytedeco.javacpp.platform");
        if (set != null && !set.isBlank()) {
            return set;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macosx" : os.startsWith("windows") ? "windows" : os;
        String a = arch.equals("amd64") || arch.equals("x86-64") || arch.equals("x86_64") ? "x86_64" : arch;
        return o + "-" + a;
    }

    private static final List<String> LEVELS = List.of("generic", "avx2", "avx512");

    private static String levelOf(String extension) {
        return extension.contains("avx512") ? "avx512" : extension.contains("avx2") ? "avx2" : "generic";
    }

    /** "avx512", "avx2" or "generic": the best ND4J build level whose instructions this CPU has. */
    static String cpuLevel(Set<String> flags) {
        if (flags.containsAll(List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx2", "fma"))) {
            return "avx512";
        }
        if (flags.containsAll(List.of("avx2", "fma", "f16c"))) {
            return "avx2";
        }
        return "generic";
    }

    /** The CPU's feature flags from /proc/cpuinfo (empty where there is none: not Linux). */
    static Set<String> cpuFlags() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Set.of();
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> new TreeSet<>(Arrays.asList(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))))
                    .map(s -> (Set<String>) s).orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /** Whether the nd4j-native build {@code platform + extension} is on the classpath. */
    static boolean present(String platform, String extension) {
        String lib = BINDINGS + platform + extension + "/" + System.mapLibraryName("jnind4jcpu");
        // getResource only: no JavaCPP class may load here (see select).
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return (cl != null && cl.getResource(lib) != null) || NativeBuild.class.getClassLoader().getResource(lib) != null;
    }

    /** The nd4j-native builds on the classpath, e.g. [generic, onednn-avx2, onednn-avx512]. */
    static List<String> presentBuilds(String platform) {
        List<String> out = new ArrayList<>();
        for (String ext : List.of("", "-avx2", "-avx512", "-onednn", "-onednn-avx2", "-onednn-avx512", "-compat")) {
            if (present(platform, ext)) {
                out.add(ext.isEmpty() ? "generic" : ext.substring(1));
            }
        }
        return out;
    }

    /**
     * The native build ND4J loaded, read from the path of the loaded JNI library, e.g.
     * {@code "linux-x86_64-onednn-avx512"} or {@code "linux-x86_64 (generic)"}; where the path says nothing, ND4J's
     * binary level. Initialises ND4J.
     */
    public static String loaded() {
        Nd4j.getExecutioner(); // makes sure the backend (and its native library) is loaded
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            if (e.getKey().contains("jnind4j") && e.getValue() != null) {
                Path dir = Path.of(e.getValue()).getParent();
                Path bindings = dir == null ? null : dir.getParent();
                if (bindings != null && bindings.getFileName() != null && "bindings".equals(bindings.getFileName().toString())) {
                    String build = dir.getFileName().toString();
                    if (e.getKey().contains("cuda")) {
                        return build + " (CUDA)";
                    }
                    return build.equals(Loader.getPlatform()) ? build + " (generic)" : build;
                }
            }
        }
        return Loader.getPlatform() + " (binary level " + binaryLevel() + ")";
    }

    /** ND4J's CPU binary level: "Generic x86", "AVX/AVX2", "AVX512", or the number ND4J reports. */
    public static String binaryLevel() {
        int level = NativeOpsHolder.getInstance().getDeviceNativeOps().binaryLevel();
        return switch (level) {
            case 1 -> "Generic x86";
            case 2 -> "AVX/AVX2";
            case 3 -> "AVX512";
            default -> "level " + level;
        };
    }

    /**
     * The BLAS library ND4J calls, as ND4J reports it ({@code Nd4j.factory().blas().getBlasVendor()}), e.g.
     * {@code "OPENBLAS"}; with {@code OPENBLAS_CORETYPE} where that environment variable forces OpenBLAS's kernels.
     * Initialises ND4J.
     */
    public static String blasVendor() {
        String vendor = String.valueOf(Nd4j.factory().blas().getBlasVendor());
        String core = System.getenv("OPENBLAS_CORETYPE");
        return vendor.equalsIgnoreCase("OPENBLAS") && core != null && !core.isBlank()
                ? vendor + " (OPENBLAS_CORETYPE=" + core.strip() + ")" : vendor;
    }
}
