package dev.rnnkit.cli;

import dev.rnnkit.catalog.FetchListener;
import dev.rnnkit.catalog.FetchReport;
import java.io.PrintWriter;
import java.net.URI;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** Prints one line per file and warning; draws a progress bar for downloads when on a terminal. */
final class FetchPrinter implements FetchListener {
    private final PrintWriter out;
    private final PrintWriter err;

    /** Prints results to {@code out}, failures and warnings to standard error. */
    FetchPrinter(PrintWriter out) {
        this.out = out;
        this.err = new PrintWriter(System.err, true);
    }

    private final boolean terminal = System.console() != null;
    private ProgressBar bar;

    @Override
    public void transferStarted(String file, URI from, long totalBytes) {
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(file).setInitialMax(Math.max(totalBytes, 0))
                    .setUnit("KiB", 1024).showSpeed().build();
        }
    }

    @Override
    public void transferProgress(String file, long bytesSoFar, long totalBytes) {
        if (bar != null) {
            bar.stepTo(bytesSoFar);
        }
    }

    @Override
    public void transferEnded(String file) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void fileDone(FetchReport.FileResult result) {
        (result.outcome() == FetchReport.Outcome.FAILED ? err : out)
                .println(result.describe());
    }

    @Override
    public void warning(String message) {
        err.println("warning: " + message);
    }
}
