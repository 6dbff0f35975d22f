package dev.rnnkit.sweep;

import dev.rnnkit.eval.MetricsTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every trial of a sweep stands, from its status file, its lock and (for Slurm) the queue.
 *
 * @param manifest the sweep's manifest
 * @param trials   one view per trial, in sweep order
 */
public record SweepState(SweepManifest manifest, List<TrialView> trials) {

    /** Not started and never submitted. */
    public static final String PENDING = "pending";
    /** Waiting in Slurm's queue. */
    public static final String QUEUED = "queued";

    /**
     * One trial's state.
     *
     * @param entry  the trial in the manifest
     * @param state  pending, queued, running, interrupted, done or failed
     * @param status its status file, or null
     * @param task   its latest Slurm task ({@code job_index}), or null
     * @param detail why it failed or was interrupted, or null
     */
    public record TrialView(SweepManifest.Entry entry, String state, TrialStatus status, String task, String detail) {

        /** True when {@code sweep run} should (re)start it: pending, failed or interrupted, with a valid config. */
        public boolean runnable() {
            return entry.error() == null && (state.equals(PENDING) || state.equals(TrialStatus.FAILED) || state.equals(TrialStatus.INTERRUPTED));
        }
    }

    /** Reads the state, asking Slurm's queue (with {@code squeue}) only when the sweep submitted job arrays. */
    public static SweepState read(SweepDirectory dir) throws IOException, InterruptedException {
        return read(dir, dir.submissionList().isEmpty() ? null : new SlurmClient());
    }

    /** Reads the state; {@code slurm} is asked about submitted tasks (null: this sweep never used Slurm). */
    public static SweepState read(SweepDirectory dir, SlurmClient slurm) throws IOException, InterruptedException {
        SweepManifest manifest = dir.manifest();
        List<Submission> submissions = dir.submissionList();
        Map<String, String> taskOf = new LinkedHashMap<>();
        for (Submission s : submissions) {
            for (String id : s.trials()) {
                taskOf.put(id, s.task(id)); // later submissions replace earlier ones
            }
        }
        Map<String, String> queue = submissions.isEmpty() || slurm == null ? Map.of() : slurm.queue(SlurmClient.jobIds(submissions));
        List<TrialView> views = new ArrayList<>();
        for (SweepManifest.Entry e : manifest.trials()) {
            views.add(view(dir, e, taskOf.get(e.id()), queue));
        }
        return new SweepState(manifest, views);
    }

    private static TrialView view(SweepDirectory dir, SweepManifest.Entry e, String task, Map<String, String> queue) {
        if (e.error() != null) {
            return new TrialView(e, TrialStatus.FAILED, null, null, e.error());
        }
        TrialStatus status = dir.status(e.id());
        if (status != null && TrialStatus.DONE.equals(status.state())) {
            return new TrialView(e, TrialStatus.DONE, status, task, null);
        }
        String queued = task == null ? null : queue.get(task);
        if (queued != null) {
            return new TrialView(e, queued.equals("PENDING") ? QUEUED : TrialStatus.RUNNING, status, task, null);
        }
        if (status == null) {
            return task == null ? new TrialView(e, PENDING, null, null, null)
                    : new TrialView(e, TrialStatus.FAILED, null, task, "Slurm task " + task + " ended before the trial started; see "
                    + dir.slurmDir().resolve(task + ".out"));
        }
        return switch (status.state()) {
            case TrialStatus.RUNNING -> dir.running(e.id()) ? new TrialView(e, TrialStatus.RUNNING, status, task, null)
                    : new TrialView(e, TrialStatus.INTERRUPTED, status, task, "its process ended without a result"
                    + (task != null ? " (Slurm task " + task + ": time limit, memory or node failure? see " + dir.slurmDir().resolve(task + ".out") + ")" : "")
                    + "; sweep run resumes it");
            case TrialStatus.INTERRUPTED -> new TrialView(e, TrialStatus.INTERRUPTED, status, task, "stopped; sweep run resumes it from its checkpoint");
            default -> new TrialView(e, status.state(), status, task, status.error());
        };
    }

    /** How many trials are in each state, e.g. {@code done 10, running 2}. */
    public Map<String, Integer> counts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String s : List.of(TrialStatus.DONE, TrialStatus.RUNNING, QUEUED, PENDING, TrialStatus.INTERRUPTED, TrialStatus.FAILED)) {
            int n = (int) trials.stream().filter(t -> t.state().equals(s)).count();
            if (n > 0) {
                out.put(s, n);
            }
        }
        return out;
    }

    /** True when no trial is running or queued. */
    public boolean settled() {
        return trials.stream().noneMatch(t -> t.state().equals(TrialStatus.RUNNING) || t.state().equals(QUEUED));
    }

    /** The state as an aligned table: trial, values, state, attempts, Slurm task, detail. */
    public String table() {
        List<String> header = new ArrayList<>(List.of("trial"));
        header.addAll(manifest.parameters());
        header.addAll(List.of("state", "attempts", "slurm", "detail"));
        MetricsTable table = MetricsTable.withColumns(header.toArray(String[]::new));
        for (TrialView t : trials) {
            List<Object> r = new ArrayList<>(List.of(t.entry().id()));
            for (String p : manifest.parameters()) {
                r.add(Trial.text(t.entry().values().get(p)));
            }
            r.add(t.state());
            r.add(t.status() == null ? 0 : t.status().attempts());
            r.add(t.task() == null ? "-" : t.task());
            r.add(t.detail() == null ? "" : t.detail());
            table.row(r.toArray());
        }
        return table.render();
    }
}
