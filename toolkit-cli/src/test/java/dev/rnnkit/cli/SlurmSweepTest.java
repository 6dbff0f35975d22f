package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rnnkit.sweep.SweepDirectory;
import dev.rnnkit.sweep.SweepFixtures;
import dev.rnnkit.sweep.SweepManifest;
import dev.rnnkit.sweep.TrialStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep submitted to a real Slurm (started by {@code scripts/local-slurm start}; CI starts it and sets
 * {@code RNNKIT_REQUIRE_SLURM=1}, which turns a missing Slurm into a failure instead of a skipped test).
 */
@Tag("slurm")
class SlurmSweepTest {

    @TempDir
    Path dir;

    static final String SWEEP = """
            name: on-slurm
            base: base.yaml
            metric: {name: mae}
            method: list
            set:
              training.epochs: 3
            variants:
              - encoder[0].state_size: 4
              - encoder[0].state_size: 6
              - data.train: missing.csv
            executor:
              parallel: 2
              threads_per_trial: 1
              slurm: {cpus_per_task: 1, mem: 1G, time: "00:10:00"}
            """;

    @BeforeAll
    static void slurmAnswers() throws Exception {
        String why = null;
        try {
            Process p = new ProcessBuilder("sinfo", "-h", "-o", "%T").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.matches("(?s).*(idle|mixed|allocated).*")) {
                why = "sinfo: " + out.strip();
            }
        } catch (java.io.IOException e) {
            why = "no sinfo on PATH";
        }
        if (why != null) {
            if ("1".equals(System.getenv("RNNKIT_REQUIRE_SLURM"))) {
                fail("RNNKIT_REQUIRE_SLURM=1 but no Slurm node is up (" + why + "); start one with scripts/local-slurm start");
            }
            Assumptions.abort("no Slurm node is up (" + why + "); scripts/local-slurm start runs one, RNNKIT_REQUIRE_SLURM=1 requires it");
        }
    }

    private CliTestSupport.Result run(Path sweep, String out, String executor, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("sweep", "run", sweep.toString(), "--out", dir.resolve(out).toString(),
                "--data-dir", dir.resolve("data").toString(), "--executor", executor));
        args.addAll(Arrays.asList(more));
        return CliTestSupport.run(args.toArray(String[]::new));
    }

    /** The leaderboard without the run folders and times, which differ between the two. */
    private static List<String> board(Path sweepDir) throws Exception {
        return Files.readAllLines(sweepDir.resolve("leaderboard.csv")).stream().map(l -> {
            String[] c = l.split(",", -1);
            return String.join(",", Arrays.copyOfRange(c, 0, 7)) + "," + c[9];
        }).toList();
    }

    @Test
    void aSlurmJobArrayGivesTheLocalLeaderboardAndRerunsOnlyWhatFailed() throws Exception {
        SweepFixtures.base(dir);
        Path sweep = SweepFixtures.write(dir.resolve("s.yaml"), SWEEP);
        CliTestSupport.Result local = run(sweep, "local", "local");
        assertEquals(1, local.exitCode(), local.out() + local.err());
        CliTestSupport.Result slurm = run(sweep, "slurm", "slurm", "--wait");
        assertEquals(1, slurm.exitCode(), slurm.out() + slurm.err());
        assertTrue(slurm.out().contains("submitted Slurm job"), slurm.out());
        assertEquals(board(dir.resolve("local")), board(dir.resolve("slurm")));
        assertTrue(board(dir.resolve("slurm")).get(1).startsWith("1,"), board(dir.resolve("slurm")).toString());

        SweepDirectory onSlurm = SweepDirectory.existing(dir.resolve("slurm"));
        List<String> ids = onSlurm.manifest().trials().stream().map(SweepManifest.Entry::id).toList();
        String job = onSlurm.submissionList().get(0).jobId();
        for (int i = 0; i < ids.size(); i++) {
            TrialStatus s = onSlurm.status(ids.get(i));
            assertEquals(job + "_" + i, s.slurmJob(), s.toString());
            assertTrue(Files.isRegularFile(onSlurm.slurmDir().resolve(job + "_" + i + ".out")));
        }
        assertEquals("failed", onSlurm.status(ids.get(2)).state());
        assertTrue(onSlurm.status(ids.get(2)).error().contains("missing.csv"), onSlurm.status(ids.get(2)).toString());
        String script = Files.readString(onSlurm.slurmDir().resolve("array-001.sbatch"));
        assertTrue(script.contains("#SBATCH --array=0-2%2\n") && script.contains("#SBATCH --mem=1G\n"), script);

        CliTestSupport.Result status = CliTestSupport.run("sweep", "status", onSlurm.root().toString());
        assertTrue(status.out().contains(job + "_2") && status.out().contains("2 done, 1 failed"), status.out());

        // Fixing the failed trial submits a second array with only that trial.
        Files.writeString(sweep, SWEEP.replace("missing.csv", "series.csv"));
        CliTestSupport.Result again = run(sweep, "slurm", "slurm", "--wait");
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertEquals(2, onSlurm.submissionList().size());
        assertEquals(1, onSlurm.submissionList().get(1).trials().size());
        assertTrue(Files.readString(onSlurm.slurmDir().resolve("array-002.sbatch")).contains("#SBATCH --array=0-0%2\n"));
        assertTrue(again.out().contains("3 done"), again.out());
    }
}
