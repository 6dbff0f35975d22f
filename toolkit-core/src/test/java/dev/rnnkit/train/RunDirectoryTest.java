package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run directories started in the same second never collide. */
class RunDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aTakenNameGetsASuffix() {
        LocalDateTime now = LocalDateTime.of(2026, 11, 30, 6, 0, 0);
        assertEquals("fc-20261130-060000", RunDirectory.createUnder(dir, "fc", now).root().getFileName().toString());
        assertEquals("fc-20261130-060000-2", RunDirectory.createUnder(dir, "fc", now).root().getFileName().toString());
        assertTrue(Files.isDirectory(dir.resolve("fc-20261130-060000-2/checkpoints")));
    }

    @Test
    void aRunKilledBeforeItWroteAnythingCanBeStartedAgain() throws Exception {
        RunDirectory first = RunDirectory.create(dir.resolve("killed"));
        // What a run killed during data loading leaves: the empty checkpoints folder and its lock file.
        java.nio.file.Files.createFile(first.root().resolve(RunDirectory.LOCK));
        assertEquals(first.root(), RunDirectory.create(dir.resolve("killed")).root());
        java.nio.file.Files.writeString(first.config(), "name: x\n");
        org.junit.jupiter.api.Assertions.assertThrows(dev.rnnkit.modelfile.ModelFileException.class,
                () -> RunDirectory.create(dir.resolve("killed")), "a run that wrote its config is resumed, not reused");
    }

    @Test
    void twoProcessesNeverTrainIntoOneRun() throws Exception {
        Path data = TrainFixtures.forecastData(dir.resolve("data"));
        RunDirectory run = RunDirectory.create(dir.resolve("busy"));
        try (ProcessLock held = run.lock()) {
            dev.rnnkit.modelfile.ModelFileException e = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.rnnkit.modelfile.ModelFileException.class,
                    () -> new Trainer(ProgressListener.NONE, new StopRequest()).train(TrainFixtures.config(TrainFixtures.FORECAST), data, run));
            assertTrue(e.getMessage().contains("another rnnkit process is training or resuming this run"), e.getMessage());
        }
        TrainingResult r = new Trainer(ProgressListener.NONE, new StopRequest()).train(TrainFixtures.config(TrainFixtures.FORECAST), data, run);
        assertTrue(Files.isRegularFile(r.run().lastModel()), "free again once the holder let go");
    }

    @RepeatedTest(3)
    void runsStartedAtOnceInTheSameSecondGetTheirOwnFolders() throws Exception {
        int n = 16;
        LocalDateTime now = LocalDateTime.of(2026, 11, 30, 6, 0, 0);
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Path>> made = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                made.add(pool.submit(() -> {
                    start.await();
                    return RunDirectory.createUnder(dir, "same", now).root();
                }));
            }
            Set<Path> distinct = made.stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.toSet());
            assertEquals(n, distinct.size(), "each run has its own folder: " + distinct);
        } finally {
            pool.shutdownNow();
        }
    }
}
