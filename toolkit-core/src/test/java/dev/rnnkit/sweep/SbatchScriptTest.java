package dev.rnnkit.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated sbatch scripts, byte for byte against golden files in {@code src/test/resources/sweep}, and valid bash.
 * After an intended change, regenerate them with {@code -Drnnkit.golden.update=true}.
 */
class SbatchScriptTest {

    private static final Path GOLDEN = Path.of("src/test/resources/sweep");
    private static final TrialLauncher RNNKIT = new TrialLauncher(List.of("rnnkit", "sweep", "trial"));

    @TempDir
    Path tmp;

    private void assertGolden(String name, String script) throws IOException, InterruptedException {
        Path golden = GOLDEN.resolve(name);
        if (Boolean.getBoolean("rnnkit.golden.update")) {
            Files.writeString(golden, script);
        }
        assertEquals(Files.readString(golden), script, name + " differs from the golden file");
        Path file = Files.writeString(tmp.resolve(name), script);
        Process bash = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), "bash -n: " + out);
    }

    @Test
    void defaultsOnAWorkstationCluster() throws Exception {
        ExecutorConfig exec = new ExecutorConfig(ExecutorType.SLURM, null, null, null);
        assertGolden("array-defaults.sbatch", SbatchScript.render("cells", Path.of("/scratch/sweeps/cells"),
                List.of("5ea199c036", "c0fe4183da", "81399b9b21"), exec, RNNKIT));
    }

    @Test
    void gpuClusterWithEverySetting() throws Exception {
        SlurmConfig slurm = new SlurmConfig("gpu", "proj-42", "normal", 8, "32G", "1-12:00:00", 1, null,
                List.of("--constraint=a100", "--mail-type=FAIL"), List.of("module load java/17 cuda/11.6", "source $HOME/venv/env.sh"),
                List.of("/opt/rnnkit/bin/rnnkit"));
        ExecutorConfig exec = new ExecutorConfig(ExecutorType.SLURM, 4, null, slurm);
        TrialLauncher launcher = new TrialLauncher(List.of("/opt/rnnkit/bin/rnnkit", "sweep", "trial"));
        assertGolden("array-gpu.sbatch", SbatchScript.render("sst2-lr", Path.of("/scratch/sweeps/sst2-lr"),
                List.of("0a1b2c3d4e", "1f2e3d4c5b"), exec, launcher));
    }

    @Test
    void aGresOfItsOwn() throws Exception {
        SlurmConfig slurm = new SlurmConfig(null, null, null, null, "8000", null, null, "gpu:v100:2", null, null, null);
        ExecutorConfig exec = new ExecutorConfig(ExecutorType.SLURM, 1, null, slurm);
        assertGolden("array-gres.sbatch", SbatchScript.render("one", Path.of("/s/one"), List.of("aaaaaaaaaa"), exec, RNNKIT));
    }

    @Test
    void theHeapIsHalfTheMemoryRequest() {
        assertEquals(2048, SbatchScript.heapMegabytes("4G"));
        assertEquals(4000, SbatchScript.heapMegabytes("8000"));
        assertEquals(4000, SbatchScript.heapMegabytes("8000M"));
        assertEquals(256, SbatchScript.heapMegabytes("100M"));
        assertEquals(512 * 1024, SbatchScript.heapMegabytes("1T"));
    }

    @Test
    void aFolderWithSpacesIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SbatchScript.render("x",
                Path.of("/scratch/my sweeps/x"), List.of("aaaaaaaaaa"), ExecutorConfig.defaults(), RNNKIT));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("spaces or quotes"), e.getMessage());
    }

    @Test
    void wordsWithQuotesAreQuotedForBash() {
        assertEquals("'/opt/my rnnkit/bin'", SbatchScript.quote("/opt/my rnnkit/bin"));
        assertEquals("'it'\\''s'", SbatchScript.quote("it's"));
        assertEquals("/usr/bin/java", SbatchScript.quote("/usr/bin/java"));
    }

    @Test
    void anEmptyArrayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SbatchScript.render("x", Path.of("/s"), List.of(),
                ExecutorConfig.defaults(), RNNKIT));
    }
}
