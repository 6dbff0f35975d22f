package dev.rnnkit.platform;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version and git commit this copy of rnnkit was built from, stamped into the jar by the build.
 *
 * @param version the project version, e.g. 0.1.0-SNAPSHOT
 * @param commit  the 40-digit commit the build ran on, or null when it was built outside a git repository
 * @param dirty   true when the working tree had uncommitted changes at build time
 */
public record BuildInfo(String version, String commit, boolean dirty) {

    private static final String RESOURCE = "/dev/rnnkit/build.properties";
    private static final BuildInfo CURRENT = load();

    /** This build's stamp. */
    public static BuildInfo current() {
        return CURRENT;
    }

    /** The stamp from the properties the build wrote; unfiltered placeholders (an IDE build) count as unknown. */
    static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // No stamp: reported as unknown below.
        }
        return of(p.getProperty("version"), p.getProperty("commit"), p.getProperty("dirty"));
    }

    /** A stamp from the raw property values. */
    static BuildInfo of(String version, String commit, String dirty) {
        String v = version == null || version.startsWith("${") ? "unknown version" : version;
        String c = commit != null && commit.matches("[0-9a-f]{40}") ? commit : null;
        return new BuildInfo(v, c, "true".equals(dirty));
    }

    /** {@code 0.1.0-SNAPSHOT (commit 1a2b3c4d5e6f, with uncommitted changes)}: the one line --version prints. */
    public String describe() {
        if (commit == null) {
            return version + " (built outside a git repository)";
        }
        return version + " (commit " + commit.substring(0, 12) + (dirty ? ", with uncommitted changes" : "") + ")";
    }
}
