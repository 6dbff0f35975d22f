package dev.rnnkit.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.config.ConfigValidator.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every rule a sweep file must satisfy, in one place (types and unknown keys are checked while binding).
 *
 * <p>Whether a varied key exists in the base config and whether each value suits it is checked per trial, when the
 * trials are expanded: a wrong key fails the sweep at once, a wrong value fails only its trial.
 */
public final class SweepValidator {

    /** The most trials one sweep may expand to. */
    public static final int MAX_TRIALS = 10_000;

    /** A config key as {@code --set} writes it, e.g. {@code encoder[0].state_size}. */
    static final Pattern KEY = Pattern.compile("[a-z_][a-z0-9_]*(?:\\[\\d+])*(?:\\.[a-z_][a-z0-9_]*(?:\\[\\d+])*)*");
    private static final Pattern MEMORY = Pattern.compile("\\d+[KMGT]?");
    private static final Pattern TIME = Pattern.compile("\\d+|\\d+:\\d{2}|\\d+:\\d{2}:\\d{2}|\\d+-\\d+|\\d+-\\d+:\\d{2}|\\d+-\\d+:\\d{2}:\\d{2}");

    private final List<Problem> problems = new ArrayList<>();

    private SweepValidator() {
    }

    /** All problems of a bound sweep file; empty when it is valid. */
    public static List<Problem> validate(SweepConfig s) {
        SweepValidator v = new SweepValidator();
        v.checkTop(s);
        v.checkParameters(s);
        v.checkExecutor(s.executor());
        return List.copyOf(v.problems);
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }

    private void checkTop(SweepConfig s) {
        if (s.name() != null && !s.name().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            problem("name", "use letters, digits, '.', '_' and '-' (it names a folder and a Slurm job), got '" + s.name() + "'");
        }
        if (s.base() == null || s.base().isBlank()) {
            problem("base", "required: the config every trial starts from, e.g. base: ../temperature-gru-forecaster.yaml");
        }
        if (s.metric() == null || s.metric().name() == null || s.metric().name().isBlank()) {
            problem("metric", "required: the metric that ranks the trials, e.g. metric: {name: mae}");
        }
        for (Map.Entry<String, JsonNode> e : s.set().entrySet()) {
            checkKey("set." + e.getKey(), e.getKey());
            if (s.parameters().containsKey(e.getKey())) {
                problem("set." + e.getKey(), "'" + e.getKey() + "' is also a parameter; give it in one place");
            }
        }
    }

    private void checkParameters(SweepConfig s) {
        switch (s.method()) {
            case GRID, RANDOM -> {
                if (s.parameters().isEmpty()) {
                    problem("parameters", "required with method " + s.method().yamlName() + ": the config keys to vary, e.g. "
                            + "encoder[0].cell_type: {values: [lstm, gru]}");
                }
                if (!s.variants().isEmpty()) {
                    problem("variants", "only with method: list (this sweep's method is " + s.method().yamlName() + ")");
                }
            }
            case LIST -> {
                if (s.variants().isEmpty()) {
                    problem("variants", "required with method list: the trials, each a mapping of config keys to values");
                }
                if (!s.parameters().isEmpty()) {
                    problem("parameters", "not with method list: write each trial's values under variants");
                }
            }
        }
        if (s.method() == SweepMethod.RANDOM) {
            if (s.count() == null) {
                problem("count", "required with method random: how many trials to draw");
            } else if (s.count() < 1) {
                problem("count", "must be at least 1, got " + s.count());
            }
        } else if (s.count() != null) {
            problem("count", "only with method: random");
        }
        long grid = 1;
        for (Map.Entry<String, ParameterSpec> e : s.parameters().entrySet()) {
            String path = "parameters." + e.getKey();
            checkKey(path, e.getKey());
            ParameterSpec p = e.getValue();
            if (p == null) {
                problem(path, "give values: [...]" + (s.method() == SweepMethod.RANDOM ? " or distribution, min and max" : ""));
                continue;
            }
            boolean hasValues = p.values() != null;
            boolean hasDistribution = p.distribution() != null || p.min() != null || p.max() != null;
            if (hasValues && hasDistribution) {
                problem(path, "give either values or distribution with min and max, not both");
            } else if (hasValues) {
                if (p.values().isEmpty()) {
                    problem(path + ".values", "needs at least one value");
                }
                grid *= Math.max(1, p.values().size());
            } else if (hasDistribution) {
                if (s.method() != SweepMethod.RANDOM) {
                    problem(path + ".distribution", "distributions need method: random; a grid takes values: [...]");
                } else {
                    checkDistribution(path, p);
                }
            } else {
                problem(path, "give values: [...]" + (s.method() == SweepMethod.RANDOM ? " or distribution, min and max" : ""));
            }
            grid = Math.min(grid, Long.MAX_VALUE / 2);
        }
        if (s.method() == SweepMethod.GRID && grid > MAX_TRIALS) {
            problem("parameters", "the grid has " + grid + " trials, more than " + MAX_TRIALS + "; use method: random with a count");
        }
        if (s.method() == SweepMethod.RANDOM && s.count() != null && s.count() > MAX_TRIALS) {
            problem("count", "at most " + MAX_TRIALS + ", got " + s.count());
        }
        for (int i = 0; i < s.variants().size(); i++) {
            Map<String, JsonNode> v = s.variants().get(i);
            if (v == null || v.isEmpty()) {
                problem("variants[" + i + "]", "a mapping of config keys to values, e.g. {encoder[0].cell_type: gru}");
                continue;
            }
            for (String key : v.keySet()) {
                checkKey("variants[" + i + "]." + key, key);
            }
        }
        if (s.variants().size() > MAX_TRIALS) {
            problem("variants", "at most " + MAX_TRIALS + " trials, got " + s.variants().size());
        }
    }

    private void checkDistribution(String path, ParameterSpec p) {
        if (p.distribution() == null) {
            problem(path + ".distribution", "required with min and max: uniform, log_uniform or int_uniform");
            return;
        }
        if (p.min() == null || p.max() == null) {
            problem(path, "distribution " + p.distribution().yamlName() + " needs min and max");
            return;
        }
        if (!Double.isFinite(p.min()) || !Double.isFinite(p.max()) || p.min() >= p.max()) {
            problem(path + ".max", "must be a number above min (" + p.min() + "), got " + p.max());
        }
        if (p.distribution() == Distribution.LOG_UNIFORM && p.min() <= 0) {
            problem(path + ".min", "log_uniform needs min above 0, got " + p.min());
        }
        if (p.distribution() == Distribution.INT_UNIFORM && (p.min() != Math.rint(p.min()) || p.max() != Math.rint(p.max()))) {
            problem(path, "int_uniform needs whole-number min and max, got " + p.min() + " and " + p.max());
        }
    }

    private void checkKey(String path, String key) {
        if (!KEY.matcher(key).matches()) {
            problem(path, "'" + key + "' is not a config key as --set writes it (e.g. training.epochs or encoder[0].state_size)");
        } else if (key.equals("name")) {
            problem(path, "'name' is set per sweep, not per trial");
        }
    }

    private void checkExecutor(ExecutorConfig e) {
        if (e.parallel() != null && e.parallel() < 1) {
            problem("executor.parallel", "must be at least 1, got " + e.parallel());
        }
        if (e.threadsPerTrial() != null && e.threadsPerTrial() < 1) {
            problem("executor.threads_per_trial", "must be at least 1, got " + e.threadsPerTrial());
        }
        SlurmConfig s = e.slurm();
        if (s.cpusPerTask() < 1) {
            problem("executor.slurm.cpus_per_task", "must be at least 1, got " + s.cpusPerTask());
        }
        if (!MEMORY.matcher(s.mem()).matches()) {
            problem("executor.slurm.mem", "expected a size as sbatch --mem takes it, e.g. 4G or 8000M, got '" + s.mem() + "'");
        }
        if (!TIME.matcher(s.time()).matches()) {
            problem("executor.slurm.time", "expected minutes, HH:MM:SS or D-HH:MM:SS as sbatch --time takes it, got '" + s.time() + "'");
        }
        if (s.gpus() != null && s.gpus() < 1) {
            problem("executor.slurm.gpus", "must be at least 1 (leave it out for none), got " + s.gpus());
        }
        if (s.gpus() != null && s.gres() != null) {
            problem("executor.slurm.gres", "give gpus or gres, not both");
        }
        for (int i = 0; i < s.sbatchArgs().size(); i++) {
            String a = s.sbatchArgs().get(i);
            if (a == null || !a.startsWith("--") || a.contains("\n")) {
                problem("executor.slurm.sbatch_args[" + i + "]", "expected one long sbatch option such as --constraint=avx512, got '" + a + "'");
            }
        }
        for (int i = 0; i < s.setup().size(); i++) {
            if (s.setup().get(i) == null || s.setup().get(i).contains("\n")) {
                problem("executor.slurm.setup[" + i + "]", "expected one shell line");
            }
        }
        if (s.command() != null && (s.command().isEmpty() || s.command().stream().anyMatch(c -> c == null || c.isBlank()))) {
            problem("executor.slurm.command", "expected the words of a command, e.g. [rnnkit] or [/opt/rnnkit/bin/rnnkit]");
        }
        for (String field : new String[] {"partition", "account", "qos", "gres"}) {
            String v = switch (field) {
                case "partition" -> s.partition();
                case "account" -> s.account();
                case "qos" -> s.qos();
                default -> s.gres();
            };
            if (v != null && !v.matches("[A-Za-z0-9_.:,=-]+")) {
                problem("executor.slurm." + field, "expected a Slurm name (letters, digits, _ . : , = -), got '" + v + "'");
            }
        }
    }
}
