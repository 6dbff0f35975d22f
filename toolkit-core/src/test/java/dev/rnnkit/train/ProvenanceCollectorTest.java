package dev.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnkit.eval.EvalJson;
import dev.rnnkit.modelfile.Provenance;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceCollectorTest {

    @TempDir
    Path dir;

    @Test
    void recordsTheNativeBuildAndBlasVendorThatRan() throws Exception {
        Provenance p = ProvenanceCollector.collect(TrainFixtures.config(TrainFixtures.CLASSIFICATION), dir,
                Instant.parse("2026-01-01T00:00:00Z"));
        assertNotNull(p.nativeBuild());
        assertFalse(p.nativeBuild().isBlank());
        // Read from the loaded library: the platform's own folder name, never a fixed string.
        assertTrue(p.nativeBuild().startsWith(org.bytedeco.javacpp.Loader.getPlatform()), p.nativeBuild());
        assertNotNull(p.blasVendor());
        assertFalse(p.blasVendor().isBlank());

        JsonNode json = EvalJson.mapper().readTree(EvalJson.toJson(p));
        assertEquals(p.nativeBuild(), json.path("native_build").asText());
        assertEquals(p.blasVendor(), json.path("blas_vendor").asText());
        assertEquals(p, EvalJson.mapper().readValue(EvalJson.toJson(p), Provenance.class));
        assertEquals(p.nativeBuild(), p.ended("2026-01-01T00:01:00Z").nativeBuild());
    }

    @Test
    void recordsTheVersionAndCommitRnnkitWasBuiltFrom() {
        Provenance p = ProvenanceCollector.collect(TrainFixtures.config(TrainFixtures.CLASSIFICATION), dir,
                Instant.parse("2026-01-01T00:00:00Z"));
        dev.rnnkit.platform.BuildInfo build = dev.rnnkit.platform.BuildInfo.current();
        assertEquals(build.version(), p.rnnkitVersion());
        assertFalse(p.rnnkitVersion().contains("development build"));
        if (build.commit() != null) {
            assertEquals(build.commit() + (build.dirty() ? "-dirty" : ""), p.rnnkitCommit());
        }
    }

    @Test
    void readsProvenanceWrittenBeforeTheNativeBuildField() throws Exception {
        String old = """
                {"rnnkit_version": "development build", "dl4j_version": "1.0.0-M2.1", "java_version": "17",
                 "nd4j_backend": "CpuBackend", "device": "CPU", "omp_threads": 1, "cpu_count": 2, "seed": 7,
                 "data_files": {}, "git_commit": null, "start_time": "2026-01-01T00:00:00Z", "end_time": null}
                """;
        Provenance p = EvalJson.mapper().readValue(old, Provenance.class);
        assertEquals("CPU", p.device());
        assertEquals(null, p.nativeBuild());
    }
}
