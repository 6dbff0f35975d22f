package dev.rnnkit.examples;

import dev.rnnkit.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The same forecasting task with a simple RNN, an LSTM and a GRU, each one- and two-directional, printed as
 * one table: what gates and a second direction buy on real data.
 */
public final class CellComparisonExample {

    private CellComparisonExample() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String cell : List.of("rnn", "lstm", "gru")) {
            for (boolean bidirectional : new boolean[] {false, true}) {
                long start = System.nanoTime();
                TrainingResult r = Examples.train("configs/temperature-gru-forecaster.yaml", Examples.overrides(args,
                        "name=compare-" + cell + (bidirectional ? "-bi" : ""), "encoder[0].cell_type=" + cell,
                        "encoder[0].bidirectional=" + bidirectional).toArray(String[]::new));
                double minutes = (System.nanoTime() - start) / 6e10;
                var m = r.evaluation().metrics();
                rows.add(String.format(Locale.ROOT, "%-5s %-5s %8.3f %8.3f %8.3f %8.1f", cell, bidirectional ? "bi" : "uni",
                        m.get("mae"), m.get("rmse"), m.get("mase"), minutes));
            }
        }
        System.out.printf("%-5s %-5s %8s %8s %8s %8s%n", "cell", "dir", "MAE", "RMSE", "MASE", "minutes");
        rows.forEach(System.out::println);
    }
}
