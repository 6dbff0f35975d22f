package dev.rnnkit.cli;

import dev.rnnkit.predict.TextGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit generate MODEL}: samples text from a generation model. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Sample text from a generation model, one token at a time with the recurrent state carried over.")
final class GenerateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR|MODEL", description = "A run directory (its best model) or a model zip.")
    Path model;

    @Option(names = "--prompt", paramLabel = "TEXT", defaultValue = "", description = "Text to continue (default: none).")
    String prompt;

    @Option(names = "--length", paramLabel = "N", defaultValue = "200", description = "Tokens to generate (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0",
            description = "Sampling temperature > 0; lower is more conservative (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0", description = "Sample among the K most likely tokens; 0 = all (default).")
    int topK;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        return ModelCommands.badInputAsExit2(System.err, () -> {
            TextGenerator.checkSampling(length, temperature, topK);
            TextGenerator generator = new TextGenerator(ModelCommands.load(model));
            System.out.println(prompt + generator.generate(prompt, length, temperature, topK, seed).text());
            return 0;
        });
    }
}
