package dev.rnnkit.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process and captures what it prints. */
final class CliTestSupport {

    /** Exit code and output of one CLI run. */
    record Result(int exitCode, String out, String err) {
    }

    private CliTestSupport() {
    }

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            picocli.CommandLine cl = RnnkitCli.commandLine();
            cl.setOut(new java.io.PrintWriter(o, true));
            cl.setErr(new java.io.PrintWriter(e, true));
            int code = cl.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Writes {@code train.tsv} and {@code dev.tsv} of {@code rows} alternating positive and negative texts into {@code dir}. */
    static java.nio.file.Path sentimentData(java.nio.file.Path dir, int rows) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        StringBuilder tsv = new StringBuilder("sentence\tlabel\n");
        for (int i = 0; i < rows; i++) {
            tsv.append(i % 2 == 0 ? "good fun film\tpos\n" : "bad dull film\tneg\n");
        }
        java.nio.file.Files.writeString(dir.resolve("train.tsv"), tsv);
        java.nio.file.Files.writeString(dir.resolve("dev.tsv"), tsv);
        return dir;
    }
}
