package dev.rnnkit.sweep;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep file: one base config, the keys to vary and how, the metric that ranks the trials, and where they run.
 *
 * <p>Keys are written as {@code --set} paths, e.g. {@code encoder[0].cell_type}. Each trial is the base config
 * with {@code set} and that trial's values applied, trained as one ordinary run.
 *
 * @param name       a short name for the sweep directory and the Slurm job; default the file name
 * @param base       the config every trial starts from, relative to the sweep file
 * @param method     grid (default), random or list
 * @param metric     the score that ranks trials
 * @param parameters grid and random: the keys to vary and their values, in order
 * @param variants   list: the trials, each a mapping of keys to values
 * @param count      random: how many trials to draw
 * @param seed       random: the seed of the draws; default 0
 * @param set        values applied to every trial, e.g. training.epochs: 10
 * @param executor   where the trials run
 */
public record SweepConfig(
        @JsonPropertyDescription("A short name for the sweep directory and the Slurm job name; default the sweep file's name")
        String name,
        @JsonPropertyDescription("The config every trial starts from, a path relative to the sweep file")
        String base,
        @JsonPropertyDescription("grid: every combination (default); random: count draws; list: the trials under variants")
        SweepMethod method,
        @JsonPropertyDescription("The score that ranks the trials")
        MetricSpec metric,
        @JsonPropertyDescription("grid and random: config keys (as for --set, e.g. encoder[0].state_size) and the values each takes")
        Map<String, ParameterSpec> parameters,
        @JsonPropertyDescription("list: the trials, each a mapping of config keys to values")
        List<Map<String, JsonNode>> variants,
        @JsonPropertyDescription("random: how many trials to draw")
        Integer count,
        @JsonPropertyDescription("random: the seed of the draws; default 0")
        Long seed,
        @JsonPropertyDescription("Config values applied to every trial, e.g. training.epochs: 10")
        Map<String, JsonNode> set,
        @JsonPropertyDescription("Where the trials run and how many at once")
        ExecutorConfig executor) {

    public SweepConfig {
        method = method == null ? SweepMethod.GRID : method;
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        variants = variants == null ? List.of()
                : variants.stream().map(v -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))).toList();
        seed = seed == null ? 0L : seed;
        set = set == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(set));
        executor = executor == null ? ExecutorConfig.defaults() : executor;
    }

    /** A copy with another executor (command-line overrides). */
    public SweepConfig withExecutor(ExecutorConfig e) {
        return new SweepConfig(name, base, method, metric, parameters, variants, count, seed, set, e);
    }
}
