package dev.rnnkit.cli;

import dev.rnnkit.platform.BuildInfo;
import picocli.CommandLine;

/** Reports rnnkit's version and the commit it was built from. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"rnnkit " + BuildInfo.current().describe()};
    }
}
