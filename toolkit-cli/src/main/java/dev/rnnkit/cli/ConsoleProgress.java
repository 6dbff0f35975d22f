package dev.rnnkit.cli;

import dev.rnnkit.train.EpochSummary;
import dev.rnnkit.train.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Renders training progress: a progress bar (batches, examples/s, loss, ETA) on a terminal, plain log lines otherwise.
 */
final class ConsoleProgress implements ProgressListener {

    private final PrintStream out;
    private final boolean terminal;
    private ProgressBar bar;
    private long epochStart;
    private long examples;
    private int batches;

    ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void epochStarted(int epoch, int epochs, int batchCount, int skipped) {
        epochStart = System.nanoTime();
        examples = 0;
        batches = batchCount;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs).setInitialMax(batchCount)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" batches", 1).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
                    .build();
            bar.stepTo(skipped);
        } else {
            out.println("epoch " + epoch + "/" + epochs + ": " + batchCount + " minibatches" + (skipped > 0 ? ", " + skipped + " already done" : ""));
        }
    }

    @Override
    public void batchFinished(int epoch, int batch, int batchExamples, double loss) {
        examples += batchExamples;
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        String rate = String.format(Locale.ROOT, "%.0f ex/s, loss %.4f", seconds > 0 ? examples / seconds : 0, loss);
        if (bar != null) {
            bar.stepTo(batch);
            bar.setExtraMessage(rate);
        } else if (batches >= 10 && batch % (batches / 10) == 0 && batch < batches) {
            out.println("  minibatch " + batch + "/" + batches + ": " + rate);
        }
    }

    @Override
    public void epochFinished(EpochSummary s) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.println(String.format(Locale.ROOT, "epoch %d/%d: train loss %.4f, %.0f examples/s, %.1f s%s%s", s.epoch(), s.epochs(),
                s.trainLoss(), s.examplesPerSecond(), s.seconds(), format(s.validation()), s.improved() && !s.validation().isEmpty() ? " (best)" : ""));
    }

    private static String format(Map<String, Double> validation) {
        if (validation.isEmpty()) {
            return "";
        }
        return validation.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ", "; validation ", ""));
    }

    @Override
    public void message(String line) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.println(line);
    }
}
