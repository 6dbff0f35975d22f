package dev.rnnkit.train;

import dev.rnnkit.config.DataConfig;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.modelfile.Provenance;
import dev.rnnkit.platform.NativeBuild;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import dev.rnnkit.platform.BuildInfo;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gathers the provenance of a training run from the JVM, ND4J, git and the data files.
 */
public final class ProvenanceCollector {

    private ProvenanceCollector() {
    }

    /** Provenance for a run of {@code config} reading data under {@code dataDir}, started at {@code start}. */
    public static Provenance collect(RnnkitConfig config, Path dataDir, Instant start) {
        BuildInfo build = BuildInfo.current();
        return new Provenance(build.version(), build.commit() == null ? null : build.commit() + (build.dirty() ? "-dirty" : ""), dl4jVersion(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                Nd4j.getBackend().getClass().getSimpleName(), device(), NativeBuild.loaded(), NativeBuild.blasVendor(),
                Nd4j.getEnvironment().maxThreads(),
                Runtime.getRuntime().availableProcessors(), config.seed(), dataChecksums(config.data(), dataDir),
                gitCommit(), start.toString(), null,
                dev.rnnkit.model.NetworkBuilder.needsGraph(config) ? "ComputationGraph" : "MultiLayerNetwork", null);
    }

    /** SHA-256 of every data file the config names (each file of a folder), keyed by its name in the config. */
    public static Map<String, String> dataChecksums(DataConfig data, Path dataDir) {
        Map<String, String> out = new TreeMap<>();
        if (data == null) {
            return out;
        }
        // Line-aligned seq2seq paths are prefixes: their checksums are those of the language files.
        List<String> names = new ArrayList<>(data.filesOf(data.train(), data.validation(), data.test()));
        if (data.pretrainedEmbeddings() != null && data.pretrainedEmbeddings().path() != null) {
            names.add(data.pretrainedEmbeddings().path());
        }
        for (String name : names) {
            Path p = dataDir.resolve(name);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                        out.put(name + "/" + f.getFileName(), sha256(f));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(p)) {
                out.put(name, sha256(p));
            }
        }
        return out;
    }

    /** The SHA-256 of a file as lower-case hex. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static String dl4jVersion() {
        try (InputStream in = org.deeplearning4j.nn.multilayer.MultiLayerNetwork.class
                .getResourceAsStream("/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String device() {
        if (Nd4j.getEnvironment().isCPU()) {
            return "CPU";
        }
        return "GPU (" + Nd4j.getAffinityManager().getNumberOfDevices() + " device(s))";
    }

    /** The commit of the git repository around the working directory, or null (no git, no repository). */
    static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroy();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
