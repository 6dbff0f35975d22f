package dev.rnnkit.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares run directories: the config keys whose values differ between them, and a leaderboard by one metric. */
public final class RunComparison {

    private RunComparison() {
    }

    /** Every leaf of a config tree as {@code path -> value}, paths written as for {@code --set} (e.g. encoder[0].state_size). */
    public static Map<String, String> flatten(JsonNode config) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", config, out);
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray() && node.size() > 0 && node.get(0).isContainerNode()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), out);
            }
        } else {
            out.put(path, node.isTextual() ? node.asText() : node.toString());
        }
    }

    /** The config keys (other than {@code name}) whose values are not the same in every run, in config order. */
    public static List<String> variedKeys(List<RunSummary> runs) {
        List<Map<String, String>> flat = runs.stream().map(r -> flatten(r.config())).toList();
        Set<String> keys = new LinkedHashSet<>();
        flat.forEach(f -> keys.addAll(f.keySet()));
        List<String> varied = new ArrayList<>();
        for (String k : keys) {
            if (!k.equals("name") && flat.stream().map(f -> f.get(k)).distinct().count() > 1) {
                varied.add(k);
            }
        }
        return varied;
    }

    /**
     * The runs ranked by {@code metric}; null {@code goal} follows the metric's usual direction.
     */
    public static Leaderboard leaderboard(List<RunSummary> runs, String metric, MetricSplit split, Goal goal) {
        Goal g = goal != null ? goal : Goal.defaultFor(metric);
        List<String> varied = variedKeys(runs);
        List<Leaderboard.Row> rows = new ArrayList<>();
        for (RunSummary r : runs) {
            Map<String, String> flat = flatten(r.config());
            Map<String, String> values = new LinkedHashMap<>();
            varied.forEach(k -> values.put(k, flat.getOrDefault(k, "")));
            rows.add(new Leaderboard.Row(0, r.dir().getFileName().toString(), values, r.state().label(), r.metric(metric, split),
                    r.bestEpoch(), r.epochs(), r.trainingSeconds(), null, r.dir().toString(), null));
        }
        return Leaderboard.rank(metric, split, g, varied, rows);
    }
}
