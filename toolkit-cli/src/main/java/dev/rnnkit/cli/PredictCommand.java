package dev.rnnkit.cli;

import dev.rnnkit.predict.Predictor;
import dev.rnnkit.data.DataFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit predict MODEL --input FILE|-}: one JSON line per prediction on stdout. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a trained model; prints JSON lines: label and probabilities per text (with --attention, "
                + "each token's attention weight), tags per token, or forecast values with timestamps per complete window of a CSV "
                + "(\"future\": false) and for the horizon after its last row (\"future\": true).")
final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR|MODEL", description = "A run directory (its best model) or a model zip.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE|-",
            description = "Texts or sentences one per line, or a CSV for time series; '-' reads standard input.")
    String input;

    @Option(names = "--attention",
            description = "With attention pooling (output.reduce_output: attention): add each token's attention weight.")
    boolean attention;

    @Override
    public Integer call() throws Exception {
        return ModelCommands.badInputAsExit2(System.err, () -> {
            Predictor predictor = new Predictor(ModelCommands.load(model), attention);
            boolean stdin = input.equals("-");
            if (!stdin && Files.isDirectory(Path.of(input))) {
                throw new IllegalArgumentException(input + ": is a folder; expected a file (or '-' for standard input)");
            }
            if (!stdin && !Files.isRegularFile(Path.of(input))) {
                throw new IllegalArgumentException(input + ": no such input file");
            }
            if (predictor.readsLines()) {
                List<String> lines = utf8Lines(stdin ? System.in.readAllBytes() : Files.readAllBytes(Path.of(input)),
                        stdin ? "<stdin>" : input);
                predictor.predictLines(lines, System.out::println);
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

    /** The lines of UTF-8 text, or a {@link DataFormatException} naming the first line that is not valid UTF-8. */
    static List<String> utf8Lines(byte[] bytes, String name) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i == bytes.length && i == start) {
                    break; // no line after the final newline
                }
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                try {
                    lines.add(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, start, end - start)).toString());
                } catch (CharacterCodingException e) {
                    throw new DataFormatException(name, lines.size() + 1, "not valid UTF-8 text; expected one text per line in UTF-8");
                }
                start = i + 1;
            }
        }
        return lines;
    }
}
