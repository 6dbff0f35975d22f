package dev.rnnkit.modelfile;

import dev.rnnkit.config.ConfigError;
import dev.rnnkit.config.ConfigException;
import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.DataFormatException;
import dev.rnnkit.data.Preprocessing;
import dev.rnnkit.eval.EvalJson;
import dev.rnnkit.eval.TrainingBaselines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import dev.rnnkit.model.Network;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Writes and reads rnnkit model files: a DL4J {@code ModelSerializer} zip plus versioned {@code rnnkit/} entries.
 *
 * <p>Entries: {@code rnnkit/format.json} ({@code {"format_version": 1}}), {@code rnnkit/config.yaml},
 * {@code rnnkit/preprocessing.json}, {@code rnnkit/baselines.json}, {@code rnnkit/provenance.json} and, in
 * checkpoints, {@code rnnkit/training_state.json}. DL4J ignores entries it does not know, so
 * {@code ModelSerializer.restoreMultiLayerNetwork} (or {@code restoreComputationGraph}, for a graph) opens the
 * file as it is.
 */
public final class ModelFile {

    /** The rnnkit entry format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    static final String FORMAT = "rnnkit/format.json";
    static final String CONFIG = "rnnkit/config.yaml";
    static final String PREPROCESSING = "rnnkit/preprocessing.json";
    static final String BASELINES = "rnnkit/baselines.json";
    static final String PROVENANCE = "rnnkit/provenance.json";
    static final String TRAINING_STATE = "rnnkit/training_state.json";

    private ModelFile() {
    }

    /**
     * Writes the network (with its updater state, so training can continue) and metadata atomically.
     *
     * @param trainingState JSON of the training state for checkpoints, or null
     */
    public static void write(Path file, Network network, ModelMetadata metadata, String trainingState) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path plain = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".dl4j.tmp");
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            ModelSerializer.writeModel(network.model(), plain.toFile(), true);
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put(FORMAT, EvalJson.toJson(Map.of("format_version", FORMAT_VERSION)));
            extra.put(CONFIG, ConfigLoader.toYaml(metadata.config()));
            extra.put(PREPROCESSING, metadata.preprocessing().toJson());
            extra.put(BASELINES, EvalJson.toJson(metadata.baselines()));
            extra.put(PROVENANCE, EvalJson.toJson(metadata.provenance()));
            if (trainingState != null) {
                extra.put(TRAINING_STATE, trainingState);
            }
            // DL4J's reader rejects directory entries, so the rnnkit files are plain entries with a "rnnkit/" prefix.
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(plain));
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
                for (Map.Entry<String, String> e : extra.entrySet()) {
                    out.putNextEntry(new ZipEntry(e.getKey()));
                    out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(plain);
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a model file written by {@link #write}.
     *
     * @throws ModelFileException with a one-line message when the file is missing, not a zip, not an rnnkit
     *                            model, of another format version or damaged
     */
    public static SavedModel read(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(name + ": no such model file");
        }
        String trainingState;
        ModelMetadata metadata;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String format = text(zip, FORMAT, name);
            if (format == null) {
                throw new ModelFileException(name + ": not an rnnkit model (no " + FORMAT + " entry); a plain DL4J model "
                        + "opens with ModelSerializer.restoreMultiLayerNetwork but lacks rnnkit's preprocessing");
            }
            int version;
            try {
                version = EvalJson.mapper().readTree(format).path("format_version").asInt(-1);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new ModelFileException(name + ": the entry " + FORMAT + " is not valid JSON (damaged model file); expected "
                        + "{\"format_version\": " + FORMAT_VERSION + "}", e);
            }
            if (version != FORMAT_VERSION) {
                throw new ModelFileException(name + ": model format_version " + version + " is not supported; this rnnkit reads "
                        + FORMAT_VERSION);
            }
            RnnkitConfig config = ConfigLoader.parse(required(zip, CONFIG, name), name + "!" + CONFIG, List.of());
            Preprocessing preprocessing = Preprocessing.fromJson(required(zip, PREPROCESSING, name).getBytes(StandardCharsets.UTF_8),
                    name + "!" + PREPROCESSING);
            TrainingBaselines baselines = EvalJson.mapper().readValue(required(zip, BASELINES, name), TrainingBaselines.class);
            Provenance provenance = EvalJson.mapper().readValue(required(zip, PROVENANCE, name), Provenance.class);
            metadata = new ModelMetadata(config, preprocessing, baselines, provenance);
            trainingState = text(zip, TRAINING_STATE, name);
        } catch (ZipException e) {
            throw new ModelFileException(name + ": not a valid zip file (damaged or not a model file)", e);
        } catch (ConfigException e) {
            ConfigError first = e.errors().get(0);
            throw new ModelFileException(first.toString(), e);
        } catch (DataFormatException e) {
            throw new ModelFileException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException(name + ": cannot read the model file: " + firstLine(e), e);
        }
        Network network;
        try {
            network = readNetwork(file);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(name + ": cannot restore the network: " + firstLine(e), e);
        }
        return new SavedModel(file, network, metadata, trainingState);
    }

    /**
     * Reads only the network, as plain DL4J would: {@code restoreComputationGraph} when the file holds a graph
     * configuration, else {@code restoreMultiLayerNetwork}.
     */
    public static Network readNetwork(Path file) throws IOException {
        boolean graph;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String conf = text(zip, "configuration.json", file.toString());
            if (conf == null) {
                throw new IOException("no configuration.json entry (not a DL4J model)");
            }
            // A ComputationGraphConfiguration's JSON has "vertices"; a MultiLayerConfiguration's has "confs".
            graph = EvalJson.mapper().readTree(conf).has("vertices");
        }
        Model model = graph ? ModelSerializer.restoreComputationGraph(file.toFile(), true)
                : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        return Network.of(model);
    }

    private static String required(ZipFile zip, String entry, String name) throws IOException {
        String s = text(zip, entry, name);
        if (s == null) {
            throw new ModelFileException(name + ": the entry " + entry + " is missing (damaged model file)");
        }
        return s;
    }

    private static String text(ZipFile zip, String entry, String name) throws IOException {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }

}
