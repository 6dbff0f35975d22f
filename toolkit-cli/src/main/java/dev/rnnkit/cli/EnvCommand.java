package dev.rnnkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rnnkit.platform.Environment;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rnnkit env}: prints the ND4J backend, native build, BLAS, threads and devices this process runs on. */
@Command(name = "env", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Print what rnnkit computes on here: the ND4J backend (CPU, or CUDA when built with "
                        + "RNNKIT_BACKEND=cuda / -Pcuda), the native libnd4j build that loaded and why, the BLAS "
                        + "library, ND4J/OpenMP/BLAS threads, the devices, ND4J's own environment report and the JVM.",
                "Use it to check that a GPU build really runs on the GPU, or to attach to a bug report."},
        footer = {"", "Examples:",
                "  rnnkit env",
                "  RNNKIT_BACKEND=cuda ./rnnkit env --json",
                "", "Exit codes: 0 done, 1 ND4J failed to load, 2 bad arguments."})
final class EnvCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "One JSON object on stdout: backend, backend_class, cpu, native_build, "
            + "native_build_selection, blas_vendor, threads, devices, nd4j_environment, jvm.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        Environment env = Environment.describe();
        if (json) {
            out.println(JSON.writeValueAsString(env.toMap()));
        } else {
            print(env, out);
        }
        out.flush();
        return 0;
    }

    private static void print(Environment env, PrintWriter out) {
        String row = "%-14s %s%n";
        out.printf(row, "Backend:", env.backend() + " (" + env.backendClass() + ")");
        out.printf(row, "Native build:", env.nativeBuild());
        out.printf(row, "  selected:", env.nativeBuildSelection());
        out.printf(row, "BLAS:", env.blasVendor());
        out.printf(row, "Threads:", env.threads().describe() + "; OMP_NUM_THREADS="
                + (env.ompNumThreadsEnv() == null ? "(unset)" : env.ompNumThreadsEnv()));
        out.printf(row, "Devices:", env.devices().size());
        for (Environment.Device d : env.devices()) {
            out.printf(row, "  " + d.id() + ":", d.summary());
        }
        out.printf(row, "JVM:", env.javaVersion() + " (" + env.javaVendor().strip() + "), max heap "
                + Environment.gib(env.maxHeapBytes()));
        out.println("ND4J environment:");
        for (Map.Entry<String, Object> e : env.nd4jEnvironment().entrySet()) {
            out.printf("  %s = %s%n", e.getKey(), e.getValue());
        }
    }
}
