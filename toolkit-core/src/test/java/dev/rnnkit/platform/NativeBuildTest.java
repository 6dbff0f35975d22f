package dev.rnnkit.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

class NativeBuildTest {

    private static final Set<String> ZEN4 = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512cd",
            "avx512bw", "avx512dq", "avx512vl");

    @Test
    void cpuLevelFallsBackFromAvx512ToAvx2ToGeneric() {
        assertEquals("avx512", NativeBuild.cpuLevel(ZEN4));
        assertEquals("avx2", NativeBuild.cpuLevel(Set.of("avx", "avx2", "fma", "f16c", "avx512f"))); // AVX-512F alone is not enough
        assertEquals("generic", NativeBuild.cpuLevel(Set.of("sse4_2", "avx")));
        assertEquals("generic", NativeBuild.cpuLevel(Set.of()));
    }

    @Test
    void preferenceNeverListsABuildAboveTheCpuLevel() {
        assertEquals("-onednn-avx512", NativeBuild.PREFERENCE.get("avx512").get(0));
        assertTrue(NativeBuild.PREFERENCE.get("avx2").stream().noneMatch(e -> e.contains("avx512")));
        assertEquals(java.util.List.of(""), NativeBuild.PREFERENCE.get("generic"));
    }

    @Test
    void theGenericBuildIsAlwaysPresent() {
        assertTrue(NativeBuild.present(Loader.getPlatform(), ""));
        assertTrue(NativeBuild.presentBuilds(Loader.getPlatform()).contains("generic"));
    }

    @Test
    void aCpuWithoutAvx2GetsTheGenericBuildEvenWhenAskedForAvx512() {
        String before = System.getProperty(NativeBuild.EXTENSION_PROPERTY);
        try {
            System.clearProperty(NativeBuild.EXTENSION_PROPERTY);
            assertEquals("generic (auto: CPU level generic)", NativeBuild.select(null, Set.of("sse4_2", "avx")));
            // Set, not left unset: unset, JavaCPP would take an optimised build from its own list.
            assertEquals("", System.getProperty(NativeBuild.EXTENSION_PROPERTY));
            System.clearProperty(NativeBuild.EXTENSION_PROPERTY);
            assertEquals("generic (RNNKIT_NATIVE=avx512)", NativeBuild.select("avx512", Set.of("sse4_2", "avx")));
            assertEquals("", System.getProperty(NativeBuild.EXTENSION_PROPERTY));
        } finally {
            restore(before);
        }
    }

    @Test
    void platformMatchesJavacpp() {
        assertEquals(Loader.getPlatform(), NativeBuild.platform());
    }

    private static void restore(String before) {
        if (before == null) {
            System.clearProperty(NativeBuild.EXTENSION_PROPERTY);
        } else {
            System.setProperty(NativeBuild.EXTENSION_PROPERTY, before);
        }
    }

    @Test
    void anExplicitJavacppExtensionIsLeftAlone() {
        String before = System.getProperty(NativeBuild.EXTENSION_PROPERTY);
        try {
            System.setProperty(NativeBuild.EXTENSION_PROPERTY, "-avx2");
            assertEquals("-avx2 (set by -D" + NativeBuild.EXTENSION_PROPERTY + ")", NativeBuild.select("avx512", ZEN4));
            assertEquals("-avx2", System.getProperty(NativeBuild.EXTENSION_PROPERTY));
        } finally {
            restore(before);
        }
    }
}
