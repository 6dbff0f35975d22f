package dev.rnnkit.sweep;

import dev.rnnkit.config.ConfigError;
import dev.rnnkit.config.ConfigException;
import dev.rnnkit.config.ConfigValidator;
import dev.rnnkit.config.YamlDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A validated sweep file: its settings, the base config it names, and where each key is written (for errors).
 *
 * <p>Loading reports every problem as one line {@code file:line: key: message}, as configs do.
 */
public final class SweepFile {

    private final Path path;
    private final SweepConfig config;
    private final YamlDocument document;

    private SweepFile(Path path, SweepConfig config, YamlDocument document) {
        this.path = path;
        this.config = config;
        this.document = document;
    }

    /** Reads and validates a sweep file. */
    public static SweepFile load(Path file) throws ConfigException {
        YamlDocument doc = YamlDocument.parse(YamlDocument.readText(file), file.toString(),
                "the sweep file is empty; expected a mapping with base, metric and parameters",
                "expected a mapping of keys (base, metric, parameters, ...) at the top level");
        SweepConfig config = doc.bind(doc.tree(), SweepConfig.class, Set.of());
        List<ConfigError> errors = new ArrayList<>();
        for (ConfigValidator.Problem p : SweepValidator.validate(config)) {
            errors.add(doc.error(p.path(), p.message(), Set.of()));
        }
        if (errors.isEmpty() && !Files.isRegularFile(baseOf(file, config))) {
            errors.add(doc.error("base", "no such config file: " + baseOf(file, config), Set.of()));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(ConfigError::line));
            throw new ConfigException(errors);
        }
        return new SweepFile(file, config, doc);
    }

    private static Path baseOf(Path file, SweepConfig config) {
        Path dir = file.toAbsolutePath().getParent();
        return dir.resolve(config.base()).normalize();
    }

    /** The sweep file. */
    public Path path() {
        return path;
    }

    /** Its settings. */
    public SweepConfig config() {
        return config;
    }

    /** The sweep's name: its {@code name}, else the file name without extension. */
    public String name() {
        if (config.name() != null) {
            return config.name();
        }
        String f = path.getFileName().toString();
        return f.replaceFirst("\\.ya?ml$", "");
    }

    /** The base config, resolved against the sweep file's folder. */
    public Path base() {
        return baseOf(path, config);
    }

    /** A problem at {@code key} (e.g. {@code parameters.encoder[0].state_size}) as a located error line. */
    public ConfigError error(String key, String message) {
        return new ConfigError(path.toString(), document.lineOf(key), key, message);
    }

    /** The same file with another executor (command-line overrides). */
    public SweepFile withExecutor(ExecutorConfig executor) {
        return new SweepFile(path, config.withExecutor(executor), document);
    }
}
