package dev.rnnkit.cli;

import dev.rnnkit.catalog.DataDirectory;
import dev.rnnkit.catalog.DatasetFetcher;
import dev.rnnkit.catalog.FetchReport;
import dev.rnnkit.config.RnnkitConfig;
import java.io.PrintWriter;

/** Fetches the catalogue data sets a config reads before it trains, so a newcomer's first run does not fail. */
final class DataFetching {

    private DataFetching() {
    }

    /** Fetches what is missing (mirror first); false, with the reason printed, when a data set stays incomplete. */
    static boolean fetchFor(RnnkitConfig config, DataDirectory dataDir) {
        if (config.data() == null) {
            return true;
        }
        for (FetchReport report : dataDir.fetchMissing(config.data().filesOf(config.data().train(), config.data().validation(), config.data().test()), new DatasetFetcher(), new FetchPrinter(new PrintWriter(System.out, true)))) {
            System.out.println(report.summary());
            if (!report.complete()) {
                System.err.println("rnnkit: data set '" + report.dataset() + "' is incomplete; see the lines above");
                return false;
            }
        }
        return true;
    }
}
