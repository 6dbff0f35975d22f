package dev.rnnkit.modelfile;

import java.util.Map;

/**
 * Where a model came from: software versions, hardware, seed, data checksums and times (Tribuo-style provenance).
 *
 * @param rnnkitVersion the rnnkit version, e.g. 0.1.0-SNAPSHOT
 * @param rnnkitCommit  the git commit rnnkit was built from ("-dirty" appended when the tree had changes), or null
 * @param dl4jVersion   the Deeplearning4j version on the classpath
 * @param javaVersion   {@code java.version} and vendor
 * @param nd4jBackend   the ND4J backend class, e.g. CpuBackend
 * @param device        the compute device as ND4J reports it
 * @param nativeBuild   the ND4J native (libnd4j) build that ran, read from the loaded library, e.g.
 *                      "linux-x86_64-onednn-avx512" or "linux-x86_64 (generic)"; null in files written before it
 * @param blasVendor    the BLAS library ND4J calls, as ND4J reports it (with OpenBLAS's own config where readable)
 * @param ompThreads    OpenMP threads ND4J uses
 * @param cpuCount      processors available to the JVM
 * @param seed          the config seed
 * @param dataFiles     SHA-256 (hex) of every data file read, by path as written in the config
 * @param gitCommit     the git commit of the working directory, or null outside a repository
 * @param startTime     when training started (ISO-8601 UTC)
 * @param endTime       when training ended (ISO-8601 UTC); null while running
 * @param network       the DL4J network class: MultiLayerNetwork or ComputationGraph; null in files written before it
 * @param engine        where training ran: engine type, workers, devices, Spark master and settings
 *                      ({@code dev.rnnkit.train.engine.TrainingEngine#describe}); null in files written before it
 */
public record Provenance(String rnnkitVersion, String rnnkitCommit, String dl4jVersion, String javaVersion, String nd4jBackend, String device,
                         String nativeBuild, String blasVendor, int ompThreads, int cpuCount, long seed,
                         Map<String, String> dataFiles, String gitCommit, String startTime, String endTime,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                         String network,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                         Map<String, Object> engine) {

    public Provenance {
        dataFiles = dataFiles == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(dataFiles));
        engine = engine == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(engine));
    }

    /** A copy with the end time set. */
    public Provenance ended(String time) {
        return new Provenance(rnnkitVersion, rnnkitCommit, dl4jVersion, javaVersion, nd4jBackend, device, nativeBuild, blasVendor,
                ompThreads, cpuCount, seed, dataFiles, gitCommit, startTime, time, network, engine);
    }

    /** A copy that records where training runs. */
    public Provenance withEngine(Map<String, Object> description) {
        return new Provenance(rnnkitVersion, rnnkitCommit, dl4jVersion, javaVersion, nd4jBackend, device, nativeBuild, blasVendor,
                ompThreads, cpuCount, seed, dataFiles, gitCommit, startTime, endTime, network, description);
    }
}
