package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.sweep.SweepDirectory;
import dev.rnnkit.sweep.SweepFixtures;
import dev.rnnkit.sweep.SweepManifest;
import dev.rnnkit.sweep.SweepState;
import dev.rnnkit.sweep.TrialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rnnkit sweep} on this machine: trials as processes, failures kept apart, reruns and resumes. */
class SweepCommandTest {

    @TempDir
    Path dir;

    /** Four variants: two that train, one whose value is invalid, one whose data file is missing. */
    static final String WITH_FAILURES = """
            name: fails
            base: base.yaml
            metric: {name: mae}
            method: list
            set:
              training.epochs: 2
            variants:
              - encoder[0].state_size: 4
              - encoder[0].state_size: 6
              - encoder[0].state_size: -2
              - data.train: missing.csv
            """;

    private Path sweep(String text) {
        SweepFixtures.base(dir);
        return SweepFixtures.write(dir.resolve("s.yaml"), text);
    }

    private CliTestSupport.Result run(Path sweepFile, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "run", sweepFile.toString(), "--out", dir.resolve("out").toString(),
                "--data-dir", dir.resolve("data").toString()));
        args.addAll(List.of(more));
        return CliTestSupport.run(args.toArray(String[]::new));
    }

    private Map<String, String> states() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        SweepDirectory d = SweepDirectory.existing(dir.resolve("out"));
        for (SweepState.TrialView t : SweepState.read(d, null).trials()) {
            out.put(t.entry().id(), t.state());
        }
        return out;
    }

    @Test
    void aFailingTrialIsReportedAndAFixRerunsOnlyIt() throws Exception {
        Path file = sweep(WITH_FAILURES);
        CliTestSupport.Result first = run(file, "--parallel", "2");
        assertEquals(1, first.exitCode(), first.out() + first.err());
        assertTrue(first.out().contains("is not valid: " + file + ":10: variants[2].encoder[0].state_size: "), first.out());
        SweepDirectory out = SweepDirectory.existing(dir.resolve("out"));
        SweepManifest manifest = out.manifest();
        List<String> ids = manifest.trials().stream().map(SweepManifest.Entry::id).toList();
        assertEquals(List.of("done", "done", "failed", "failed"), List.copyOf(states().values()));
        TrialStatus missing = out.status(ids.get(3));
        assertEquals(2, missing.exitCode());
        assertTrue(missing.error().contains("missing.csv"), missing + "\n" + Files.readString(out.log(ids.get(3))));

        CliTestSupport.Result status = CliTestSupport.run("sweep", "status", out.root().toString());
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains("2 done, 2 failed"), status.out());
        assertTrue(status.out().contains("missing.csv"), status.out());

        CliTestSupport.Result report = CliTestSupport.run("sweep", "report", out.root().toString());
        assertEquals(0, report.exitCode(), report.err());
        List<String> csv = Files.readAllLines(out.root().resolve("leaderboard.csv"));
        assertEquals(5, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(1).startsWith("1,") && csv.get(2).startsWith("2,"), String.join("\n", csv));
        assertTrue(csv.get(3).startsWith(",") && csv.get(3).contains("failed"), String.join("\n", csv));
        assertTrue(Files.isRegularFile(out.root().resolve("leaderboard-encoder-0-state_size.png")));

        // Fixing the two bad variants runs only them; the finished trials keep their status and run.
        String done0 = Files.readString(out.statusFile(ids.get(0)));
        long model0 = Files.getLastModifiedTime(out.runDir(ids.get(0)).resolve("model-best.zip")).toMillis();
        Files.writeString(file, WITH_FAILURES.replace("state_size: -2", "state_size: 5").replace("missing.csv", "series.csv"));
        CliTestSupport.Result second = run(file, "--parallel", "2");
        assertEquals(0, second.exitCode(), second.out() + second.err());
        assertTrue(second.out().contains("(2 done, 2 pending); 2 to run"), second.out());
        assertEquals(done0, Files.readString(out.statusFile(ids.get(0))));
        assertEquals(model0, Files.getLastModifiedTime(out.runDir(ids.get(0)).resolve("model-best.zip")).toMillis());
        assertEquals(List.of("done", "done", "done", "done"), List.copyOf(states().values()));

        CliTestSupport.Result third = run(file);
        assertEquals(0, third.exitCode(), third.out() + third.err());
        assertTrue(third.out().contains("nothing to run"), third.out());
    }

    /** Starts {@code sweep run} in a process of its own and returns it once one trial is done and the next is running. */
    private Process sweepProcessWithOneTrialDone(Path file) throws Exception {
        List<String> cmd = new ArrayList<>(dev.rnnkit.sweep.TrialLauncher.currentJvm(RnnkitCli.class.getName(), true,
                "sweep", "run").prefix());
        cmd.addAll(List.of(file.toString(), "--out", dir.resolve("out").toString(), "--data-dir", dir.resolve("data").toString(),
                "--parallel", "1"));
        Process sweepProcess = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile()).start();
        Path out = dir.resolve("out");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline && sweepProcess.isAlive()) {
            if (Files.isRegularFile(out.resolve("sweep.json"))) {
                Map<String, String> s = states();
                if (s.containsValue("done") && s.containsValue("running")) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        return sweepProcess;
    }

    @Test
    void aStoppedSweepRecordsItsRunningTrialInterruptedAndResumesItFromItsCheckpoint() throws Exception {
        Path file = sweep(SweepFixtures.GRID.replace("training.epochs: 2", "training.epochs: 60"));
        Process sweepProcess = sweepProcessWithOneTrialDone(file);
        sweepProcess.destroy(); // SIGTERM, as Ctrl-C or Slurm's time limit: the trial writes a checkpoint and its status
        assertTrue(sweepProcess.waitFor(120, TimeUnit.SECONDS));
        Map<String, String> before = states();
        String log = Files.readString(dir.resolve("first.log"));
        assertEquals(1, before.values().stream().filter("interrupted"::equals).count(), before + "\n" + log);
        SweepDirectory d = SweepDirectory.existing(dir.resolve("out"));
        String stoppedId = before.entrySet().stream().filter(e -> e.getValue().equals("interrupted")).findFirst().orElseThrow().getKey();
        TrialStatus stopped = d.status(stoppedId);
        assertEquals(130, stopped.exitCode(), "the trial recorded its own interruption: " + stopped);

        CliTestSupport.Result again = run(file, "--parallel", "2");
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertTrue(Files.readString(d.log(stoppedId)).contains("resuming "), Files.readString(d.log(stoppedId)));
        assertEquals(2, d.status(stoppedId).attempts());
    }

    @Test
    void aSweepKilledHalfwayResumesWithoutRedoingFinishedTrials() throws Exception {
        Path file = sweep(SweepFixtures.GRID.replace("training.epochs: 2", "training.epochs: 40"));
        Process sweepProcess = sweepProcessWithOneTrialDone(file);
        Path out = dir.resolve("out");
        // Kill everything (the sweep and its trial) outright: no checkpoint, no status written.
        List<ProcessHandle> trials = sweepProcess.descendants().toList();
        trials.forEach(ProcessHandle::destroyForcibly);
        sweepProcess.destroyForcibly();
        sweepProcess.waitFor();
        for (ProcessHandle t : trials) {
            t.onExit().get(60, TimeUnit.SECONDS);
        }
        Map<String, String> before = states();
        assertEquals(1, before.values().stream().filter("done"::equals).count(), before + "\n" + Files.readString(dir.resolve("first.log")));
        assertEquals(1, before.values().stream().filter("interrupted"::equals).count(), before.toString());
        assertEquals(2, before.values().stream().filter("pending"::equals).count(), before.toString());
        SweepDirectory d = SweepDirectory.existing(out);
        String doneId = before.entrySet().stream().filter(e -> e.getValue().equals("done")).findFirst().orElseThrow().getKey();
        String killedId = before.entrySet().stream().filter(e -> e.getValue().equals("interrupted")).findFirst().orElseThrow().getKey();
        String doneStatus = Files.readString(d.statusFile(doneId));

        CliTestSupport.Result again = run(file, "--parallel", "2");
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().contains("3 to run"), again.out());
        assertEquals(doneStatus, Files.readString(d.statusFile(doneId)), "the finished trial was not run again");
        assertEquals(2, d.status(killedId).attempts());
        assertTrue(states().values().stream().allMatch("done"::equals), states().toString());
    }

    @Test
    void runsListAndCompareReadTheTrialRuns() throws Exception {
        Path file = sweep(WITH_FAILURES.replace("  - encoder[0].state_size: -2\n", "").replace("  - data.train: missing.csv\n", ""));
        assertEquals(0, run(file, "--parallel", "2").exitCode());
        SweepDirectory out = SweepDirectory.existing(dir.resolve("out"));
        List<String> ids = out.manifest().trials().stream().map(SweepManifest.Entry::id).toList();

        CliTestSupport.Result list = CliTestSupport.run("runs", "list", out.root().toString());
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("2 runs under"), list.out());
        assertTrue(list.out().contains("trials/" + ids.get(0) + "/run") && list.out().contains("finished"), list.out());

        CliTestSupport.Result compare = CliTestSupport.run("runs", "compare", out.runDir(ids.get(0)).toString(),
                out.runDir(ids.get(1)).toString(), "--metric", "mae", "--out", dir.resolve("cmp").toString());
        assertEquals(0, compare.exitCode(), compare.err());
        assertTrue(compare.out().contains("encoder[0].state_size"), compare.out());
        assertTrue(compare.out().contains("validation mae (min)"), compare.out());
        assertTrue(Files.isRegularFile(dir.resolve("cmp/leaderboard.csv")));
    }

    @Test
    void badArgumentsAreOneLineAndExit2() throws IOException {
        Path file = sweep(SweepFixtures.GRID);
        assertBad(CliTestSupport.run("sweep", "run", dir.resolve("nope.yaml").toString()), "no such file");
        assertBad(CliTestSupport.run("sweep", "run", file.toString(), "--executor", "pbs"), "expected local or slurm");
        assertBad(CliTestSupport.run("sweep", "run", file.toString(), "--parallel", "0"), "at least 1");
        assertBad(CliTestSupport.run("sweep", "status", dir.resolve("nowhere").toString()), "not a sweep directory");
        assertBad(CliTestSupport.run("sweep", "report", dir.toString()), "not a sweep directory");
        assertBad(CliTestSupport.run("runs", "list", dir.resolve("nowhere").toString()), "no such folder");
        assertBad(CliTestSupport.run("runs", "compare", dir.toString(), dir.toString()), "not a run directory");
        assertBad(CliTestSupport.run("runs", "compare", dir.toString()), "");
        Files.writeString(file, SweepFixtures.GRID.replace("encoder[0].state_size:", "encoder[0].state_sise:"));
        assertBad(CliTestSupport.run("sweep", "run", file.toString(), "--dry-run"), "unknown key 'state_sise'");
    }

    private static void assertBad(CliTestSupport.Result r, String words) {
        assertEquals(2, r.exitCode(), r.out() + r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.contains(words), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }
}
