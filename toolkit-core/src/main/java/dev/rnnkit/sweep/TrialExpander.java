package dev.rnnkit.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.rnnkit.config.ConfigError;
import dev.rnnkit.config.ConfigException;
import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.config.YamlDocument;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Turns a sweep file into its trials: each a resolved, validated config with a stable id.
 *
 * <p>A key that is not in the base config fails the whole sweep (it would fail every trial); a value the key does
 * not accept fails only its trial, which is recorded with the error and never started.
 */
public final class TrialExpander {

    /** Hex digits of a trial id: 40 bits, so that ten thousand trials practically never share one. */
    private static final int ID_LENGTH = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrialExpander() {
    }

    /** The trials of {@code sweep}, in order; fails with located errors when a key or the base config is wrong. */
    public static List<Trial> expand(SweepFile sweep) throws ConfigException {
        SweepConfig s = sweep.config();
        String baseText = YamlDocument.readText(sweep.base());
        List<Map<String, JsonNode>> combos = switch (s.method()) {
            case GRID -> grid(s.parameters());
            case RANDOM -> random(s);
            case LIST -> s.variants();
        };
        // The base config with the fixed values must be valid on its own: then a trial's errors are its values' fault.
        List<String> fixed = new ArrayList<>();
        s.set().forEach((k, v) -> fixed.add(k + "=" + json(v)));
        try {
            ConfigLoader.parse(baseText, sweep.base().toString(), fixed);
        } catch (ConfigException e) {
            Map<String, String> where = sweepKeys(s, 0, Map.of());
            List<ConfigError> located = new ArrayList<>();
            for (ConfigError err : e.errors()) {
                String key = keyOf(err, where);
                located.add(key == null ? err : sweep.error(where.get(key), err.message()));
            }
            throw new ConfigException(located);
        }
        List<Trial> trials = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < combos.size(); i++) {
            Map<String, JsonNode> values = combos.get(i);
            Trial t = trial(sweep, baseText, trials.size(), sweepKeys(s, i, values), values);
            if (ids.add(t.id())) {
                trials.add(t);
            }
        }
        return trials;
    }

    /** Where each key of a trial is written in the sweep file: set.K, parameters.K or variants[i].K. */
    private static Map<String, String> sweepKeys(SweepConfig s, int combo, Map<String, JsonNode> values) {
        Map<String, String> where = new LinkedHashMap<>();
        s.set().keySet().forEach(k -> where.put(k, "set." + k));
        for (String k : values.keySet()) {
            where.put(k, s.method() == SweepMethod.LIST ? "variants[" + combo + "]." + k : "parameters." + k);
        }
        return where;
    }

    private static Trial trial(SweepFile sweep, String baseText, int index, Map<String, String> where,
                               Map<String, JsonNode> values) throws ConfigException {
        List<String> overrides = new ArrayList<>();
        sweep.config().set().forEach((k, v) -> overrides.add(k + "=" + json(v)));
        values.forEach((k, v) -> overrides.add(k + "=" + json(v)));
        try {
            RnnkitConfig config = ConfigLoader.parse(baseText, sweep.base().toString(), overrides);
            return new Trial(index, id(ConfigLoader.toYaml(config)), values, config, null);
        } catch (ConfigException e) {
            List<ConfigError> sweepErrors = new ArrayList<>();
            String trialError = null;
            for (ConfigError err : e.errors()) {
                String key = keyOf(err, where);
                if (key != null && structural(err.message())) {
                    sweepErrors.add(sweep.error(where.get(key), err.message()));
                } else if (trialError == null) {
                    // A rule that combines keys may be reported on a key of the base config: still this trial's values.
                    trialError = key != null ? sweep.error(where.get(key), err.message()).toString() : err.toString();
                }
            }
            if (!sweepErrors.isEmpty()) {
                throw new ConfigException(sweepErrors);
            }
            String id = id("invalid\n" + baseText + "\n" + String.join("\n", overrides));
            return new Trial(index, id, values, null, trialError);
        }
    }

    /** The sweep key whose override an error is about, or null when the error is in the base config. */
    private static String keyOf(ConfigError err, Map<String, String> where) {
        if (!ConfigLoader.OVERRIDE_SOURCE.equals(err.source())) {
            return null;
        }
        String best = null;
        for (String k : where.keySet()) {
            String p = err.path();
            if ((p.equals(k) || p.startsWith(k + ".") || p.startsWith(k + "[")) && (best == null || k.length() > best.length())) {
                best = k;
            }
        }
        return best;
    }

    /** Errors that say the key itself is wrong (for every value), not the value. */
    private static boolean structural(String message) {
        return message.startsWith("unknown key") || message.contains("is not a mapping in the config")
                || message.contains("is not a list in the config") || message.contains("is out of range")
                || message.contains("is not of the form key.path=value");
    }

    private static List<Map<String, JsonNode>> grid(Map<String, ParameterSpec> parameters) {
        List<Map<String, JsonNode>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, ParameterSpec> e : parameters.entrySet()) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> partial : out) {
                for (JsonNode v : e.getValue().values()) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    private static List<Map<String, JsonNode>> random(SweepConfig s) {
        SplittableRandom rng = new SplittableRandom(s.seed());
        List<Map<String, JsonNode>> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        // Draws repeat when the space is small: stop after many tries rather than loop forever.
        for (int attempt = 0; out.size() < s.count() && attempt < s.count() * 50; attempt++) {
            Map<String, JsonNode> m = new LinkedHashMap<>();
            for (Map.Entry<String, ParameterSpec> e : s.parameters().entrySet()) {
                m.put(e.getKey(), draw(e.getValue(), rng));
            }
            if (seen.add(m.toString())) {
                out.add(m);
            }
        }
        return out;
    }

    private static JsonNode draw(ParameterSpec p, SplittableRandom rng) {
        if (p.values() != null) {
            return p.values().get(rng.nextInt(p.values().size()));
        }
        double min = p.min();
        double max = p.max();
        return switch (p.distribution()) {
            case INT_UNIFORM -> LongNode.valueOf((long) min + rng.nextLong((long) max - (long) min + 1));
            case UNIFORM -> DoubleNode.valueOf(round(min + rng.nextDouble() * (max - min)));
            case LOG_UNIFORM -> DoubleNode.valueOf(round(Math.exp(Math.log(min) + rng.nextDouble() * (Math.log(max) - Math.log(min)))));
        };
    }

    /** Four significant digits: readable in tables, and as fine as a sweep can tell apart. */
    private static double round(double v) {
        return new BigDecimal(v).round(new MathContext(4)).doubleValue();
    }

    private static String json(JsonNode v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String id(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, ID_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
