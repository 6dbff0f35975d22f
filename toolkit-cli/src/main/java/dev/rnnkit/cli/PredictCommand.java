package dev.rnnkit.cli;

import dev.rnnkit.config.DataConfig;
import dev.rnnkit.data.ReadLog;
import dev.rnnkit.data.SourceLines;
import dev.rnnkit.predict.Predictor;
import java.io.FilterInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit predict MODEL --input FILE|-}: one JSON line per prediction on stdout. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a trained model; prints JSON lines: label and probabilities per text (with --attention, "
                + "each token's attention weight), tags per token, a translation per line (seq2seq), or forecast values with timestamps per complete window of a CSV "
                + "(\"future\": false) and for the horizon after its last row (\"future\": true).")
final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR|MODEL", description = "A run directory (its best model) or a model zip.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE|-",
            description = "Texts or sentences one per line, or a CSV for time series; '-' reads standard input.")
    String input;

    @Option(names = "--attention",
            description = "With attention pooling (output.reduce_output: attention): add each token's attention weight; with an "
                    + "attention decoder: add the source and output tokens and each output token's weights over the source.")
    boolean attention;

    @Option(names = "--beam", paramLabel = "N",
            description = "Attention seq2seq models: translate with a beam of N hypotheses (1 = greedy) instead of output.attention.beam_size.")
    Integer beam;

    @Override
    public Integer call() throws Exception {
        return ModelCommands.badInputAsExit2(System.err, () -> {
            if (beam != null && (beam < 1 || beam > 100)) {
                throw new IllegalArgumentException("--beam: expected a width from 1 to 100, got " + beam);
            }
            Predictor predictor = new Predictor(ModelCommands.load(model), attention, beam);
            boolean stdin = input.equals("-");
            if (!stdin && Files.isDirectory(Path.of(input))) {
                throw new IllegalArgumentException(input + ": is a folder; expected a file (or '-' for standard input)");
            }
            if (!stdin && !Files.isRegularFile(Path.of(input))) {
                throw new IllegalArgumentException(input + ": no such input file");
            }
            if (predictor.readsLines()) {
                // Read as predicted, so that an input of any size takes bounded memory; a line that is not UTF-8 is named.
                ReadLog strict = new ReadLog(DataConfig.OnError.FAIL);
                try (Stream<SourceLines.Line> lines = stdin
                        ? SourceLines.stream(new FilterInputStream(System.in) {
                            @Override
                            public void close() {
                                // standard input stays open for the JVM
                            }
                        }, "<stdin>", strict)
                        : SourceLines.stream(Path.of(input), input, strict)) {
                    predictor.predictLines(lines.map(SourceLines.Line::text).iterator(), System.out::println);
                }
            } else {
                Path csv = Path.of(input);
                if (stdin) {
                    csv = Files.createTempFile("rnnkit-predict", ".csv");
                    csv.toFile().deleteOnExit();
                    Files.write(csv, System.in.readAllBytes());
                }
                predictor.predictCsv(csv, System.out::println);
            }
            System.out.flush();
            return 0;
        });
    }
}
