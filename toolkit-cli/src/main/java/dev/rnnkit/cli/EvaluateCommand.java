package dev.rnnkit.cli;

import dev.rnnkit.modelfile.SavedModel;
import dev.rnnkit.predict.EvaluationResult;
import dev.rnnkit.predict.EvaluationWriter;
import dev.rnnkit.predict.ModelEvaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit evaluate RUN_DIR|MODEL --data FILE}: the task's metrics on a labelled file, as JSON, table and plots. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a trained model on a labelled file with its task's metrics; writes metrics.json, metrics.txt and PNG plots.")
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR|MODEL", description = "A run directory (its best model) or a model zip.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Labelled data in the format of the model's config (a folder for generation, a path prefix for line-aligned seq2seq files).")
    Path dataFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the results (default: evaluation-<file> beside the model).")
    Path out;

    @Option(names = "--beam", paramLabel = "N",
            description = "Attention seq2seq models: decode with a beam of N hypotheses (1 = greedy) instead of output.attention.beam_size.")
    Integer beam;

    @Override
    public Integer call() throws Exception {
        return ModelCommands.badInputAsExit2(System.err, () -> {
            if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out: " + out + " is a file; expected a folder for the results");
            }
            if (beam != null && (beam < 1 || beam > 100)) {
                throw new IllegalArgumentException("--beam: expected a width from 1 to 100, got " + beam);
            }
            SavedModel saved = ModelCommands.load(model);
            if (beam != null && !saved.metadata().config().output().attentionDecoder()) {
                throw new IllegalArgumentException(saved.file() + ": --beam applies to seq2seq models with an attention decoder (output.attention)");
            }
            // A line-aligned seq2seq model reads a prefix: its language files must exist, the prefix itself need not.
            for (String file : saved.metadata().config().data().filesOf(dataFile.toString())) {
                if (!Files.exists(Path.of(file))) {
                    throw new IllegalArgumentException(file + ": no such data file");
                }
            }
            if (Files.isDirectory(dataFile) && saved.metadata().config().output().type() != dev.rnnkit.config.OutputType.GENERATION) {
                // Only generation reads a folder of texts; any other model needs its data in one file.
                throw new IllegalArgumentException(dataFile + ": is a folder; expected a data file in the format of the model's config");
            }
            EvaluationResult result = ModelEvaluator.evaluateFile(saved, dataFile, beam);
            Path dir = out != null ? out : saved.file().toAbsolutePath().getParent().resolve("evaluation-" + dataFile.getFileName());
            EvaluationWriter.write(result, dataFile.toString(), dir, List.of(), "");
            System.out.print(result.table());
            System.out.println("results written to " + dir);
            return 0;
        });
    }
}
