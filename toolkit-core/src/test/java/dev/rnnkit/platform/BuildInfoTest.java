package dev.rnnkit.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build stamps version and commit, and an unstamped build says so instead of inventing them. */
class BuildInfoTest {

    @Test
    void thisBuildIsStampedWithTheProjectVersionAndItsCommit() {
        BuildInfo b = BuildInfo.current();
        assertNotEquals("unknown version", b.version());
        assertTrue(b.version().matches("\\d+\\.\\d+\\.\\d+.*"), b.version());
        if (Files.isDirectory(Path.of("..", ".git"))) {
            assertTrue(b.commit() != null && b.commit().matches("[0-9a-f]{40}"), "built in a git checkout: " + b);
            assertTrue(b.describe().contains("commit " + b.commit().substring(0, 12)), b.describe());
        }
    }

    @Test
    void placeholdersAndJunkCountAsUnknown() {
        BuildInfo raw = BuildInfo.of("${project.version}", "${git.commit.id}", "${git.dirty}");
        assertEquals("unknown version", raw.version());
        assertNull(raw.commit());
        assertEquals("unknown version (built outside a git repository)", raw.describe());
        BuildInfo dirty = BuildInfo.of("1.2.3", "0123456789abcdef0123456789abcdef01234567", "true");
        assertEquals("1.2.3 (commit 0123456789ab, with uncommitted changes)", dirty.describe());
    }
}
