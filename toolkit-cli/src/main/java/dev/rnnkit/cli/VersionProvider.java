package dev.rnnkit.cli;

import picocli.CommandLine;

/** Reports rnnkit's version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = RnnkitCli.class.getPackage().getImplementationVersion();
        return new String[] {"rnnkit " + (v == null ? "development build" : v)};
    }
}
