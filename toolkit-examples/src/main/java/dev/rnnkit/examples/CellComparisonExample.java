package dev.rnnkit.examples;

import dev.rnnkit.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The same sentiment task with a simple RNN, an LSTM and a GRU, each one- and two-directional, printed as one
 * table: what gates and a second direction buy on real text.
 *
 * <p>Every variant is one layer of 128 reading SST-2 for one epoch, and classifies from its state at the last
 * word ({@code reduce_output: last}): the whole sentence has to pass through the recurrence, which is where a
 * simple RNN's vanishing gradients show. A bidirectional layer also reads from the other end, so the first
 * words are never far from the output. Extra arguments are config overrides applied to every variant.
 */
public final class CellComparisonExample {

    private CellComparisonExample() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String cell : List.of("rnn", "lstm", "gru")) {
            for (boolean bidirectional : new boolean[] {false, true}) {
                long start = System.nanoTime();
                TrainingResult r = Examples.train("configs/sst2-stacked-lstm.yaml", Examples.overrides(args,
                        "name=compare-" + cell + (bidirectional ? "-bi" : ""), "encoder[0].cell_type=" + cell,
                        "encoder[0].bidirectional=" + bidirectional, "encoder[0].num_layers=1", "output.reduce_output=last",
                        "training.epochs=1").toArray(String[]::new));
                double minutes = (System.nanoTime() - start) / 6e10;
                var m = r.evaluation().metrics();
                rows.add(String.format(Locale.ROOT, "%-5s %-5s %9.4f %9.4f %9.4f %8.1f", cell, bidirectional ? "bi" : "uni",
                        m.get("accuracy"), m.get("f1"), m.get("loss"), minutes));
            }
        }
        System.out.printf("%-5s %-5s %9s %9s %9s %8s%n", "cell", "dir", "accuracy", "macro_f1", "log_loss", "minutes");
        rows.forEach(System.out::println);
    }
}
