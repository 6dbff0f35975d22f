package dev.rnnkit.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * {@code sweep.json}: what a sweep directory holds, rewritten by every {@code sweep run}.
 *
 * @param name       the sweep's name
 * @param sweepFile  the sweep file it was expanded from
 * @param base       the base config
 * @param dataDir    the data directory trials read from
 * @param metric     the ranking metric
 * @param parameters the varied keys, in column order
 * @param trials     the trials of the latest expansion
 */
public record SweepManifest(String name, String sweepFile, String base, String dataDir, MetricSpec metric,
                            List<String> parameters, List<Entry> trials) {

    /**
     * One trial.
     *
     * @param index  position in the sweep
     * @param id     the trial's stable id (its folder under trials/)
     * @param values the trial's value of each varied key
     * @param error  why its values do not make a valid config, or null
     */
    public record Entry(int index, String id, Map<String, JsonNode> values, String error) {
    }

    /** The trial with this id, or null. */
    public Entry trial(String id) {
        return trials.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }
}
