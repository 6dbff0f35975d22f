package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.data.seq2seq.SyntheticPairs;
import dev.rnnkit.train.TrainFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a hostile new user feeds the CLI: malformed configs, data of every family, model files and arguments.
 *
 * <p>Every case must exit 2 with exactly one line on stderr (no stack trace) that names the file (and line), the
 * config key or the argument at fault, and what was expected; a failed {@code train} leaves no run directory. A
 * case is one line in {@link #cases()}: its name says what is malformed, then the arguments, then fragments the
 * message must contain. In arguments, file contents and fragments, {@code {d}} is the case's own folder and
 * {@code {cls}}, {@code {tag}}, {@code {fc}}, {@code {gen}}, {@code {s2s}} the run directories of tiny models
 * trained once per class.
 */
class MalformedInputTest {

    @TempDir
    static Path models;

    static final Map<String, Path> RUNS = new LinkedHashMap<>();

    /** Overrides that switch the seq2seq fixture to line-aligned files {@code p.src} / {@code p.tgt}. */
    static final String LANGS = "--set data.seq2seq.source_lang=src --set data.seq2seq.target_lang=tgt --set data.train=p "
            + "--set data.validation_split=0.25 --set data.validation=null --set data.test=null";

    static final String S2S = """
            name: add
            seed: 7
            input: {type: one_hot}
            encoder: [{cell_type: gru, state_size: 8}]
            output: {type: seq2seq, output_length: 5, decoder: [{cell_type: gru, state_size: 8}]}
            training: {batch_size: 16, epochs: 1}
            data: {train: train.tsv, validation: validation.tsv, test: test.tsv, prefetch: 0, tokenizer: {level: char}}
            """;

    /** A minimal config that validates, for the config cases to break. */
    static final String VALID = """
            input: {type: embedding, vocab_size: 50}
            encoder: [{cell_type: lstm, state_size: 8}]
            output: {type: classification, num_classes: 2}
            """;

    /** One malformed input: a family's valid data and config written first (or none), then {@code files} over them. */
    record Case(String category, String name, String family, Map<String, Object> files, List<String> args, List<String> expect) {

        Case with(String path, Object content) {
            files.put(path, content);
            return this;
        }

        @Override
        public String toString() {
            return category + ": " + name;
        }
    }

    // ---- case builders ----

    private static Case c(String category, String family, String name, String args, String... expect) {
        return new Case(category, name, family, new LinkedHashMap<>(), List.of(args.trim().split("\\s+")), List.of(expect));
    }

    /** {@code rnnkit validate {d}/c.yaml} on the given config text. */
    private static Case config(String name, String yaml, String... expect) {
        return c("config", null, name, "validate {d}/c.yaml", expect).with("c.yaml", yaml);
    }

    /** A command on a config (extra arguments after it). */
    private static Case configRun(String name, String yaml, String args, String... expect) {
        return c("config", null, name, args, expect).with("c.yaml", yaml);
    }

    /** {@code rnnkit train} on a family's valid config and data, with {@code extra} arguments. */
    private static Case train(String family, String name, String extra, String... expect) {
        return c("data/" + family, family, name, "train {d}/c.yaml --data-dir {d} --run-dir {d}/run " + extra, expect);
    }

    private static Case evaluate(String family, String name, String file, Object content, String... expect) {
        return c("data/" + family, null, name, "evaluate {" + family + "} --data {d}/" + file + " --out {d}/ev", expect)
                .with(file, content);
    }

    private static Case predict(String family, String name, String file, Object content, String... expect) {
        return c("data/" + family, null, name, "predict {" + family + "} --input {d}/" + file, expect).with(file, content);
    }

    private static Case model(String name, String command, Object content, String... expect) {
        String extra = switch (command) {
            case "evaluate" -> " --data {d}/x.tsv --out {d}/ev";
            case "predict" -> " --input {d}/x.tsv";
            default -> "";
        };
        return c("model", null, name, command + " {d}/model.zip" + extra, expect).with("model.zip", content)
                .with("x.tsv", "sentence\tlabel\ngood\tpos\n");
    }

    private static Case cli(String name, String args, String... expect) {
        return c("arguments", null, name, args, expect);
    }

    // ---- content helpers ----

    /** Text with the bytes 0xC3 0x28 (an invalid UTF-8 sequence) between {@code before} and {@code after}. */
    static byte[] badUtf8(String before, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.write(0xC3);
        out.write(0x28);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The fixture series (date,temp, 80 daily rows from 2020-01-01); row i is replaced where {@code row} gives text. */
    static String series(int rows, IntFunction<String> row) {
        StringBuilder sb = new StringBuilder("date,temp\n");
        java.time.LocalDate d = java.time.LocalDate.of(2020, 1, 1);
        for (int i = 0; i < rows; i++) {
            String r = row.apply(i);
            sb.append(r != null ? r : d.plusDays(i) + "," + (10 + 3 * (i % 3) + 0.1 * i)).append('\n');
        }
        return sb.toString();
    }

    static String series(int rows) {
        return series(rows, i -> null);
    }

    /** A zip with the given entries (name, content, name, content, ...). */
    static byte[] zip(String... entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (int i = 0; i < entries.length; i += 2) {
                z.putNextEntry(new ZipEntry(entries[i]));
                z.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The first half of the classifier's model file, read when the case runs. */
    static Supplier<byte[]> truncatedModel() {
        return () -> {
            try {
                byte[] all = Files.readAllBytes(RUNS.get("cls").resolve("model-best.zip"));
                return Arrays.copyOf(all, all.length / 2);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    static byte[] randomBytes() {
        byte[] b = new byte[4096];
        new java.util.Random(14).nextBytes(b);
        return b;
    }

    static final String TSV_HEAD = "sentence\tlabel\n";
    static final String CONLL_OK = "Anna B-PER\nlives O\nin O\nParis B-LOC\n\n";

    static Stream<Case> cases() {
        List<Case> all = new ArrayList<>();
        // ---------------- configs ----------------
        all.addAll(List.of(
                config("YAML: an unclosed flow mapping", "input: {type: embedding\nencoder: [{cell_type: lstm, state_size: 8}]\n",
                        "c.yaml:"),
                config("YAML: a tab used for indentation", "input:\n\ttype: embedding\n", "c.yaml:2"),
                config("YAML: a key given twice", VALID + "input: {type: dense}\n", "c.yaml:4", "input"),
                config("YAML: an empty file", "", "c.yaml", "empty"),
                config("YAML: a list instead of a mapping at the top", "- input\n- encoder\n", "c.yaml:1", "mapping"),
                config("YAML: a plain word instead of a mapping", "hello\n", "c.yaml:1", "mapping"),
                config("YAML: an alias to an undefined anchor", VALID + "training: *defaults\n", "c.yaml:4"),
                config("YAML: two documents in one file", VALID + "---\n" + VALID, "c.yaml:4", "expected a single document"),
                config("YAML: a file that is not UTF-8", "", "c.yaml:1", "UTF-8").with("c.yaml", badUtf8("name: ", "\n" + VALID)),
                config("YAML: random bytes", "", "c.yaml").with("c.yaml", randomBytes()),
                config("unknown top-level key (did you mean)", VALID + "trainig: {epochs: 2}\n", "c.yaml:4", "trainig",
                        "did you mean 'training'"),
                config("unknown training key (did you mean)", VALID + "training: {epcohs: 2}\n", "c.yaml:4", "training.epcohs",
                        "did you mean 'epochs'"),
                config("unknown encoder key (did you mean)", VALID.replace("state_size: 8", "state_sise: 8"), "c.yaml:2",
                        "encoder[0].state_sise", "did you mean 'state_size'"),
                config("unknown data.text key (did you mean)", VALID + "data: {train: t.tsv, text: {label_colum: 1}}\n", "c.yaml:4",
                        "data.text.label_colum", "did you mean 'label_column'"),
                config("unknown optimizer type (did you mean)", VALID + "training: {optimizer: {type: adma}}\n", "c.yaml:4",
                        "training.optimizer.type", "did you mean 'adam'"),
                config("unknown output type (did you mean)", VALID.replace("type: classification", "type: clasification"),
                        "c.yaml:3", "output.type", "did you mean 'classification'"),
                config("wrong type: state_size is a word", VALID.replace("state_size: 8", "state_size: big"), "c.yaml:2",
                        "encoder[0].state_size", "whole number"),
                config("wrong type: epochs is a fraction", VALID + "training: {epochs: 2.5}\n", "c.yaml:4", "training.epochs",
                        "whole number"),
                config("wrong type: learning_rate is a word", VALID + "training: {optimizer: {learning_rate: fast}}\n", "c.yaml:4",
                        "training.optimizer.learning_rate", "number"),
                config("wrong type: encoder is a mapping, not a list", VALID.replace("encoder: [{cell_type: lstm, state_size: 8}]",
                        "encoder: {cell_type: lstm, state_size: 8}"), "c.yaml:2", "encoder", "list"),
                config("wrong type: bidirectional is 'maybe'", VALID.replace("state_size: 8", "state_size: 8, bidirectional: maybe"),
                        "c.yaml:2", "encoder[0].bidirectional", "true"),
                config("wrong type: training is a number", VALID + "training: 5\n", "c.yaml:4", "training", "mapping"),
                config("wrong type: timestamp_columns is a number", VALID.replace("embedding, vocab_size: 50", "dense")
                        .replace("classification, num_classes: 2", "forecast")
                        + "data: {train: s.csv, time_series: {timestamp_columns: 5, target_columns: [t], lookback: 4}}\n",
                        "c.yaml:4", "data.time_series.timestamp_columns", "list"),
                config("out of range: state_size 0", VALID.replace("state_size: 8", "state_size: 0"), "c.yaml:2",
                        "encoder[0].state_size", "0"),
                config("out of range: dropout 1.5", VALID.replace("state_size: 8", "state_size: 8, dropout: 1.5"), "c.yaml:2",
                        "encoder[0].dropout", "1.5"),
                config("out of range: negative learning rate", VALID + "training: {optimizer: {learning_rate: -0.1}}\n",
                        "c.yaml:4", "training.optimizer.learning_rate", "-0.1"),
                config("out of range: learning rate .nan", VALID + "training: {optimizer: {learning_rate: .nan}}\n",
                        "c.yaml:4", "training.optimizer.learning_rate", "finite number"),
                config("out of range: batch_size -1", VALID + "training: {batch_size: -1}\n", "c.yaml:4", "training.batch_size", "-1"),
                config("out of range: epochs 0", VALID + "training: {epochs: 0}\n", "c.yaml:4", "training.epochs", "0"),
                config("out of range: validation_split 1.2", VALID + "data: {train: t.tsv, validation_split: 1.2}\n", "c.yaml:4",
                        "data.validation_split", "1.2"),
                config("out of range: state_size beyond a whole number's range", VALID.replace("state_size: 8", "state_size: 99999999999"),
                        "c.yaml:2", "encoder[0].state_size", "99999999999"),
                config("out of range: horizon 0", VALID.replace("embedding, vocab_size: 50", "dense")
                        .replace("classification, num_classes: 2", "forecast, horizon: 0"), "c.yaml:3", "output.horizon", "0"),
                config("missing section: no encoder", "input: {type: embedding}\noutput: {type: classification}\n", "c.yaml",
                        "encoder"),
                config("missing section: no output", "input: {type: embedding}\nencoder: [{cell_type: lstm, state_size: 8}]\n",
                        "c.yaml", "output"),
                config("missing key: output.type", VALID.replace("type: classification, num_classes: 2", "num_classes: 2"),
                        "c.yaml:3", "output.type"),
                config("missing key: encoder state_size", VALID.replace(", state_size: 8", ""), "c.yaml:2",
                        "encoder[0].state_size"),
                config("missing key: seq2seq output_length", "input: {type: one_hot}\nencoder: [{cell_type: gru, state_size: 8}]\n"
                        + "output: {type: seq2seq, decoder: [{cell_type: gru, state_size: 8}]}\n", "c.yaml:3", "output.output_length"),
                config("attention decoder: a GRU decoder", "input: {type: embedding}\nencoder: [{cell_type: lstm, state_size: 8}]\n"
                        + "output: {type: seq2seq, output_length: 5, decoder: [{cell_type: gru, state_size: 8}], attention: {score: general}}\n",
                        "c.yaml:3", "output.decoder[0].cell_type", "lstm"),
                config("attention decoder: one-hot input", "input: {type: one_hot}\nencoder: [{cell_type: lstm, state_size: 8}]\n"
                        + "output: {type: seq2seq, output_length: 5, decoder: [{cell_type: lstm, state_size: 8}], attention: {}}\n",
                        "c.yaml:1", "input.type", "embedding"),
                config("attention decoder: beam_size 0", "input: {type: embedding}\nencoder: [{cell_type: lstm, state_size: 8}]\n"
                        + "output: {type: seq2seq, output_length: 5, decoder: [{cell_type: lstm, state_size: 8}], attention: {beam_size: 0}}\n",
                        "c.yaml:3", "output.attention.beam_size", "0"),
                config("missing key: time_series lookback", VALID.replace("embedding, vocab_size: 50", "dense")
                        .replace("classification, num_classes: 2", "forecast")
                        + "data: {train: s.csv, time_series: {target_columns: [t]}}\n", "c.yaml:4", "data.time_series.lookback"),
                config("missing key: data.train", VALID + "data: {validation: dev.tsv}\n", "c.yaml:4", "data.train"),
                config("contradiction: validation file and validation_split", VALID
                        + "data: {train: t.tsv, validation: v.tsv, validation_split: 0.2}\n", "c.yaml:4", "validation_split",
                        "validation"),
                config("out of range: max_length 0 with a truncation side", VALID
                        + "data: {train: t.tsv, text: {truncation: tail, max_length: 0}}\n", "c.yaml:4", "data.text.max_length", "must be >= 1"),
                config("contradiction: crf on a classification head", VALID.replace("num_classes: 2", "num_classes: 2, crf: true"),
                        "c.yaml:3", "output.crf", "tagging"),
                config("contradiction: val_f1 watched for a forecaster", VALID.replace("embedding, vocab_size: 50", "dense")
                        .replace("classification, num_classes: 2", "forecast")
                        + "training: {early_stopping: {metric: val_f1}}\n", "c.yaml:4", "training.early_stopping.metric", "val_f1"),
                config("contradiction: text and time_series sections together", VALID
                        + "data: {train: t.tsv, text: {}, time_series: {target_columns: [t], lookback: 4}}\n", "c.yaml:4", "data"),
                config("contradiction: step schedule without decay_steps", VALID
                        + "training: {optimizer: {schedule: {type: step, decay_rate: 0.5}}}\n", "c.yaml:4", "training.optimizer.schedule", "decay_steps"),
                config("contradiction: word_features with one_hot input", VALID.replace("embedding, vocab_size: 50",
                        "one_hot, word_features: [casing]"), "c.yaml:1", "input.word_features", "embedding"),
                config("contradiction: parallel engine with one worker", VALID
                        + "training: {engine: parallel, parallel: {workers: 1}}\n", "c.yaml:4", "training.parallel.workers", "2"),
                config("bad duration: max_time '90 minutes'", VALID + "training: {max_time: 90 minutes}\n", "c.yaml:4",
                        "training.max_time", "90s"),
                configRun("--set: unknown key (did you mean)", VALID, "validate {d}/c.yaml --set training.batchsize=4", "--set",
                        "training.batchsize", "did you mean 'batch_size'"),
                configRun("--set: no '=' in the override", VALID, "validate {d}/c.yaml --set training.epochs", "--set",
                        "training.epochs", "key.path=value"),
                configRun("--set: a word for a whole number", VALID, "validate {d}/c.yaml --set training.epochs=abc", "--set",
                        "training.epochs", "whole number"),
                configRun("--set: encoder index past the list's end", VALID, "validate {d}/c.yaml --set encoder[5].state_size=8",
                        "--set", "encoder[5]"),
                configRun("--set: an index that is not a number", VALID, "validate {d}/c.yaml --set encoder[x].state_size=8",
                        "--set", "encoder[x]"),
                configRun("--set: an empty key", VALID, "validate {d}/c.yaml --set =3", "--set", "=3"),
                configRun("--set: batch_size 0", VALID, "validate {d}/c.yaml --set training.batch_size=0", "--set",
                        "training.batch_size", "0"),
                configRun("--set: a cell type nobody has", VALID, "inspect {d}/c.yaml --set encoder[0].cell_type=transformer",
                        "--set", "encoder[0].cell_type", "lstm"),
                configRun("missing config file for train", VALID, "train {d}/nope.yaml --run-dir {d}/run", "nope.yaml",
                        "no such file"),
                configRun("missing config file for inspect", VALID, "inspect {d}/nope.yaml", "nope.yaml", "no such file"),
                configRun("a folder given as the config", VALID, "validate {d}", "{d}", "is a folder", "YAML file")));
        // ---------------- sweeps ----------------
        all.addAll(List.of(
                c("config", null, "sweep file: unknown key (did you mean)", "sweep run {d}/s.yaml --dry-run", "s.yaml:",
                        "paramters", "did you mean 'parameters'").with("c.yaml", VALID)
                        .with("s.yaml", "name: s\nbase: c.yaml\nparamters:\n  training.epochs: {values: [1, 2]}\n"),
                c("config", null, "sweep file: base config missing", "sweep run {d}/s.yaml --dry-run", "s.yaml:", "base",
                        "nope.yaml").with("s.yaml", "name: s\nbase: nope.yaml\nmetric: {name: loss}\nparameters:\n  training.epochs: {values: [1, 2]}\n"),
                c("config", null, "sweep file: missing", "sweep run {d}/nope.yaml --dry-run", "nope.yaml", "no such file")));
        // ---------------- data: text classification ----------------
        all.addAll(List.of(
                train("cls", "training file missing", "--set data.train=nope.tsv", "nope.tsv", "no such file"),
                train("cls", "validation file missing", "--set data.validation=nodev.tsv", "nodev.tsv", "no such file"),
                train("cls", "training file empty (0 bytes)", "", "train.tsv", "empty").with("train.tsv", ""),
                train("cls", "a row with three columns", "", "train.tsv:3", "expected 2 columns")
                        .with("train.tsv", TSV_HEAD + "good movie\tpos\nbad\tneg\textra\n"),
                train("cls", "a row with one column", "", "train.tsv:3", "columns")
                        .with("train.tsv", TSV_HEAD + "good movie\tpos\nbad movie neg\n"),
                train("cls", "an empty label", "", "train.tsv:3", "empty label").with("train.tsv", TSV_HEAD + "good movie\tpos\nbad\t\n"),
                train("cls", "an empty text", "", "train.tsv:2", "empty text").with("train.tsv", TSV_HEAD + "\tpos\nbad\tneg\n"),
                train("cls", "invalid UTF-8 in a row", "", "train.tsv:3", "UTF-8")
                        .with("train.tsv", badUtf8(TSV_HEAD + "good movie\tpos\nbad ", "movie\tneg\n")),
                train("cls", "a validation label the training split lacks", "", "dev.tsv:3", "unknown label 'neutral'", "neg")
                        .with("dev.tsv", TSV_HEAD + "good movie\tpos\nso so\tneutral\n"),
                train("cls", "label column name not in the header", "--set data.text.label_column=lbl", "train.tsv:1",
                        "no column 'lbl'", "label"),
                train("cls", "label column index past the header's columns", "--set data.text.label_column=5", "train.tsv:1",
                        "no column 5", "data.text.label_column", "2 columns"),
                train("cls", "comma-separated file read as TSV", "", "train.tsv:1", "no column 'sentence'")
                        .with("train.tsv", "sentence,label\ngood movie,pos\nbad movie,neg\n"),
                train("cls", "regression label that is not a number", "--set output.type=regression", "train.tsv:2",
                        "label 'pos' is not a finite number"),
                train("cls", "every row malformed under on_error: skip", "--set data.on_error=skip", "train.tsv",
                        "no training examples").with("train.tsv", TSV_HEAD + "a\tb\tc\nd\te\tf\n"),
                train("cls", "an unclosed quote", "", "train.tsv:3", "unclosed quote")
                        .with("c.yaml", TrainFixtures.CLASSIFICATION.replace("label_column: label}", "label_column: label, quote: '\"'}"))
                        .with("train.tsv", TSV_HEAD + "good movie\tpos\n\"bad movie\tneg\n"),
                train("cls", "class_weights of the wrong length", "--set output.class_weights=[1,2,3]", "output.class_weights",
                        "2"),
                train("cls", "pretrained embeddings file missing", "--set data.pretrained_embeddings.path=vec.txt", "vec.txt",
                        "no such file"),
                train("cls", "pretrained embeddings file of random bytes", "--set data.pretrained_embeddings.path=vec.txt",
                        "vec.txt", "word vectors", "a word and its numbers per line").with("vec.txt", randomBytes()),
                evaluate("cls", "evaluate: a label the model does not know", "x.tsv", TSV_HEAD + "good\tpos\nmeh\tneutral\n",
                        "x.tsv:3", "unknown label 'neutral'"),
                evaluate("cls", "evaluate: a row with three columns", "x.tsv", TSV_HEAD + "good\tpos\textra\n", "x.tsv:2",
                        "expected 2 columns"),
                evaluate("cls", "evaluate: header only", "x.tsv", TSV_HEAD, "x.tsv", "no usable examples", "at least one labelled example"),
                evaluate("cls", "evaluate: empty file", "x.tsv", "", "x.tsv", "empty"),
                evaluate("cls", "evaluate: invalid UTF-8", "x.tsv", badUtf8(TSV_HEAD + "go", "od\tpos\n"), "x.tsv:2", "UTF-8"),
                evaluate("cls", "evaluate: header without the text column", "x.tsv", "text\tlabel\ngood\tpos\n", "x.tsv:1",
                        "no column 'sentence'"),
                c("data/cls", null, "evaluate: data file missing", "evaluate {cls} --data {d}/nope.tsv", "nope.tsv",
                        "no such data file"),
                c("data/cls", null, "evaluate: a folder as the data file", "evaluate {cls} --data {d}/folder --out {d}/ev",
                        "folder", "is a folder", "data file").with("folder/", ""),
                predict("cls", "predict: invalid UTF-8 input", "in.txt", badUtf8("good ", "movie\n"), "in.txt:1", "UTF-8"),
                c("data/cls", null, "predict: input file missing", "predict {cls} --input {d}/nope.txt", "nope.txt",
                        "no such input file"),
                c("data/cls", null, "predict: a folder as the input", "predict {cls} --input {d}/folder", "folder", "is a folder", "file")
                        .with("folder/", "")));
        // ---------------- data: tagging (CoNLL) ----------------
        all.addAll(List.of(
                train("tag", "a tag without a B-/I- prefix", "", "train.txt:3", "PER")
                        .with("train.txt", "-DOCSTART- O\n\nAnna PER\nlives O\n\n" + CONLL_OK),
                train("tag", "a tag scheme violation under tag_errors: strict", "--set data.tagging.tag_errors=strict",
                        "train.txt:", "I-LOC").with("train.txt", "Anna B-PER\nlives O\nin O\nParis I-LOC\n\n" + CONLL_OK),
                train("tag", "a validation tag the training split lacks", "", "dev.txt:1", "unknown tag 'B-MISC'")
                        .with("dev.txt", "Euro B-MISC\nzone O\n\n" + CONLL_OK),
                train("tag", "invalid UTF-8 in a token", "", "train.txt:2", "UTF-8")
                        .with("train.txt", badUtf8("Anna B-PER\nliv", "es O\n\n" + CONLL_OK)),
                train("tag", "tag_column past the last column", "--set data.tagging.tag_column=3", "train.txt:", "column"),
                train("tag", "training file empty (0 bytes)", "", "train.txt", "no training examples").with("train.txt", ""),
                train("tag", "only a -DOCSTART- line", "", "train.txt", "no training examples").with("train.txt", "-DOCSTART- O\n\n"),
                train("tag", "validation file missing", "--set data.validation=nodev.txt", "nodev.txt", "no such file"),
                train("tag", "a tag scheme nobody has", "--set data.tagging.scheme=bilou", "data.tagging.scheme", "iob2"),
                evaluate("tag", "evaluate: a tag the model does not know", "x.txt", CONLL_OK + "Euro B-MISC\n\n", "x.txt:6",
                        "unknown tag 'B-MISC'"),
                evaluate("tag", "evaluate: a tag without prefix", "x.txt", "Anna PERSON\n\n", "x.txt:1", "PERSON"),
                evaluate("tag", "evaluate: empty file", "x.txt", "", "x.txt", "no usable examples", "at least one labelled example"),
                evaluate("tag", "evaluate: invalid UTF-8", "x.txt", badUtf8("An", "na B-PER\n\n"), "x.txt:1", "UTF-8"),
                c("data/tag", null, "evaluate: data file missing", "evaluate {tag} --data {d}/nope.txt", "nope.txt",
                        "no such data file"),
                predict("tag", "predict: invalid UTF-8 input", "in.txt", badUtf8("Anna lives in Pa", "ris\n"), "in.txt:1", "UTF-8")));
        // ---------------- data: time series ----------------
        all.addAll(List.of(
                train("fc", "timestamps out of order", "", "series.csv:12", "2020-01-10", "not after")
                        .with("series.csv", series(80, i -> i == 10 ? "2020-01-10,1.0" : i == 9 ? "2020-01-11,1.0" : null)),
                train("fc", "a repeated timestamp", "", "series.csv:12", "not after")
                        .with("series.csv", series(80, i -> i == 10 ? "2020-01-10,1.0" : null)),
                train("fc", "a gap in the timestamps under gaps: fail", "", "series.csv:12", "interval")
                        .with("series.csv", series(80, i -> i >= 10 ? java.time.LocalDate.of(2020, 1, 2).plusDays(i) + ",1.0" : null)),
                train("fc", "a value that is not a number", "", "series.csv:6", "column 'temp'", "abc")
                        .with("series.csv", series(80, i -> i == 4 ? "2020-01-05,abc" : null)),
                train("fc", "a missing value under missing: fail", "", "series.csv:6", "column 'temp'", "missing")
                        .with("series.csv", series(80, i -> i == 4 ? "2020-01-05,NA" : null)),
                train("fc", "a row with three columns", "", "series.csv:6", "expected 2 columns, got 3")
                        .with("series.csv", series(80, i -> i == 4 ? "2020-01-05,1,2" : null)),
                train("fc", "a value of Infinity", "", "series.csv:6", "non-finite")
                        .with("series.csv", series(80, i -> i == 4 ? "2020-01-05,Infinity" : null)),
                train("fc", "a value beyond float range (1e400)", "", "series.csv:6", "1e400")
                        .with("series.csv", series(80, i -> i == 4 ? "2020-01-05,1e400" : null)),
                train("fc", "header only", "", "series.csv", "no").with("series.csv", "date,temp\n"),
                train("fc", "empty file (0 bytes)", "", "series.csv", "empty").with("series.csv", ""),
                train("fc", "invalid UTF-8 in a row", "", "series.csv:6", "UTF-8")
                        .with("series.csv", badUtf8(series(4), "2020-01-05,1\n" + series(80).substring(series(5).length()))),
                train("fc", "target column not in the header", "--set data.time_series.target_columns=[tmp]", "series.csv:1",
                        "no column 'tmp'", "date, temp"),
                train("fc", "timestamp column not in the header", "--set data.time_series.timestamp_columns=[day]",
                        "series.csv:1", "no column 'day'"),
                train("fc", "a windows longer than the data after splits", "--set data.time_series.lookback=70", "series.csv",
                        "window"),
                evaluate("fc", "evaluate: timestamps out of order", "x.csv",
                        series(40, i -> i == 20 ? "2020-01-20,1.0" : i == 19 ? "2020-01-21,1.0" : null), "x.csv:22", "not after"),
                evaluate("fc", "evaluate: a value that is not a number", "x.csv", series(40, i -> i == 3 ? "2020-01-04,n/a" : null),
                        "x.csv:5", "n/a"),
                evaluate("fc", "evaluate: target column missing", "x.csv", series(40).replace("date,temp", "date,temperature"),
                        "x.csv:1", "no column 'temp'"),
                evaluate("fc", "evaluate: fewer rows than one window", "x.csv", series(3), "x.csv", "window needs lookback 6 plus horizon 2"),
                evaluate("fc", "evaluate: empty file", "x.csv", "", "x.csv", "empty"),
                predict("fc", "predict: a value that is not a number", "x.csv", series(20, i -> i == 3 ? "2020-01-04,abc" : null),
                        "x.csv:5", "abc"),
                predict("fc", "predict: timestamps out of order", "x.csv",
                        series(20, i -> i == 10 ? "2020-01-10,1.0" : i == 9 ? "2020-01-11,1.0" : null), "x.csv:12", "not after"),
                predict("fc", "predict: header only", "x.csv", "date,temp\n", "x.csv", "window"),
                predict("fc", "predict: target column missing", "x.csv", series(20).replace("date,temp", "date,t"), "x.csv:1",
                        "no column 'temp'"),
                c("data/fc", null, "backtest: series with out-of-order timestamps", "backtest {fc} --data {d}/x.csv --out {d}/bt",
                        "x.csv:22", "not after")
                        .with("x.csv", series(80, i -> i == 20 ? "2020-01-20,1.0" : i == 19 ? "2020-01-21,1.0" : null)),
                c("data/fc", null, "backtest: series file missing", "backtest {fc} --data {d}/nope.csv --out {d}/bt", "nope.csv",
                        "no such file")));
        // ---------------- data: generation ----------------
        all.addAll(List.of(
                train("gen", "training text missing", "--set data.train=nope.txt", "nope.txt", "no such file"),
                train("gen", "training text empty (0 bytes)", "", "corpus.txt", "sequence_length").with("corpus.txt", ""),
                train("gen", "training text shorter than one sequence", "", "corpus.txt", "sequence_length").with("corpus.txt", "abc"),
                train("gen", "an empty training folder", "--set data.train=texts", "texts", "no text files").with("texts/", ""),
                train("gen", "invalid UTF-8 in the text", "", "corpus.txt:2", "UTF-8")
                        .with("corpus.txt", badUtf8("the cat sat on the mat\nthe d", "og sat on the log\n".repeat(6))),
                train("gen", "sequence_length 0 on the command line", "--set data.generation.sequence_length=0",
                        "data.generation.sequence_length", "0"),
                evaluate("gen", "evaluate: empty file", "x.txt", "", "x.txt", "sequence_length"),
                evaluate("gen", "evaluate: text shorter than one sequence", "x.txt", "the", "x.txt", "sequence_length"),
                evaluate("gen", "evaluate: invalid UTF-8", "x.txt", badUtf8("the cat sat on the mat\nthe cat ", "sat\n"), "x.txt:2",
                        "UTF-8"),
                c("data/gen", null, "evaluate: an empty folder", "evaluate {gen} --data {d}/texts --out {d}/ev", "texts",
                        "no text files").with("texts/", ""),
                c("data/gen", null, "evaluate: data missing", "evaluate {gen} --data {d}/nope.txt", "nope.txt", "no such data file")));
        // ---------------- data: seq2seq pairs ----------------
        all.addAll(List.of(
                train("s2s", "a pair without its target column", "", "train.tsv:2", "columns").with("train.tsv", "1+2\t3\n4+5\n"),
                train("s2s", "an empty target", "", "train.tsv:2", "empty target").with("train.tsv", "1+2\t3\n4+5\t\n"),
                train("s2s", "a target longer than output_length allows", "", "train.tsv:2", "target has 7 tokens", "output_length")
                        .with("train.tsv", "1+2\t3\n1+1\t1234567\n"),
                train("s2s", "invalid UTF-8 in a source", "", "train.tsv:2", "UTF-8").with("train.tsv", badUtf8("1+2\t3\n4", "+5\t9\n")),
                train("s2s", "training file empty (0 bytes)", "", "train.tsv", "no training examples").with("train.tsv", ""),
                train("s2s", "validation file missing", "--set data.validation=nope.tsv", "nope.tsv", "no such file"),
                train("s2s", "named source column without a header line", "--set data.seq2seq.source_column=src",
                        "data.seq2seq.header", "0-based index"),
                train("s2s", "source column name not in the header", "--set data.seq2seq.header=true --set data.seq2seq.source_column=src",
                        "train.tsv:1", "no column 'src'"),
                evaluate("s2s", "evaluate: a target too long", "x.tsv", "1+1\t2\n2+2\t123456789\n", "x.tsv:2", "output_length"),
                evaluate("s2s", "evaluate: a row with one column", "x.tsv", "1+1\n", "x.tsv:1", "columns"),
                evaluate("s2s", "evaluate: empty file", "x.tsv", "", "x.tsv", "no usable examples", "at least one labelled example"),
                evaluate("s2s", "evaluate: invalid UTF-8", "x.tsv", badUtf8("1+1\t", "2\n"), "x.tsv:1", "UTF-8"),
                predict("s2s", "predict: invalid UTF-8", "in.txt", badUtf8("1+", "1\n"), "in.txt:1", "UTF-8"),
                // Line-aligned files (data.seq2seq.source_lang / target_lang): data.train is a prefix of p.src and p.tgt.
                train("s2s", "line-aligned: the target file ends first", LANGS, "p.src", "p.tgt")
                        .with("p.src", "1+2\n3+4\n5+6\n7+8\n").with("p.tgt", "3\n7\n11\n"),
                train("s2s", "line-aligned: an empty target line", LANGS, "p.tgt:2", "empty")
                        .with("p.src", "1+2\n3+4\n5+6\n7+8\n").with("p.tgt", "3\n\n11\n15\n"),
                train("s2s", "line-aligned: the source file missing", LANGS, "p.src", "no such file").with("p.tgt", "3\n"),
                train("s2s", "line-aligned: source_lang without target_lang", "--set data.seq2seq.source_lang=src",
                        "data.seq2seq", "target_lang"),
                train("s2s", "line-aligned: a TSV column key beside the languages", LANGS + " --set data.seq2seq.source_column=0",
                        "data.seq2seq.source_column")));
        // ---------------- model files ----------------
        all.addAll(List.of(
                model("evaluate: an empty model file", "evaluate", new byte[0], "model.zip", "zip"),
                model("predict: an empty model file", "predict", new byte[0], "model.zip", "zip"),
                model("evaluate: a truncated model zip", "evaluate", truncatedModel(), "model.zip", "zip"),
                model("predict: a truncated model zip", "predict", truncatedModel(), "model.zip", "zip"),
                model("generate: random bytes as the model", "generate", randomBytes(), "model.zip", "zip"),
                model("backtest: random bytes as the model", "backtest", randomBytes(), "model.zip", "zip"),
                model("predict: a zip without rnnkit metadata", "predict", zip("hello.txt", "hi"), "model.zip", "not an rnnkit model"),
                model("evaluate: a plain DL4J zip", "evaluate", zip("configuration.json", "{}"), "model.zip", "not an rnnkit model"),
                model("predict: a format_version from the future", "predict", zip("rnnkit/format.json", "{\"format_version\": 99}"),
                        "model.zip", "format_version 99"),
                model("predict: format.json that is not JSON", "predict", zip("rnnkit/format.json", "{{{"), "model.zip",
                        "rnnkit/format.json", "not valid JSON"),
                model("predict: metadata without its config entry", "predict", zip("rnnkit/format.json", "{\"format_version\": 1}"),
                        "model.zip", "missing"),
                model("evaluate: a YAML config given as the model", "evaluate", VALID, "model.zip", "zip"),
                c("model", null, "evaluate: a folder that is not a run directory", "evaluate {d}/folder --data {d}/x.tsv",
                        "folder", "model").with("folder/", "").with("x.tsv", TSV_HEAD),
                c("model", null, "predict: a folder that is not a run directory", "predict {d}/folder --input {d}/x.txt",
                        "folder", "model").with("folder/", "").with("x.txt", "good\n"),
                c("model", null, "backtest: model missing", "backtest {d}/nope.zip", "nope.zip", "no such"),
                c("model", null, "generate: a forecaster given to generate", "generate {fc}", "not a generation model", "forecast"),
                c("model", null, "backtest: a classifier given to backtest", "backtest {cls} --out {d}/bt", "{cls}/model-best.zip",
                        "not a forecast model", "output.type: forecast"),
                c("model", null, "predict: --attention with a model that has no attention", "predict {cls} --attention --input {d}/x.txt",
                        "--attention", "attention").with("x.txt", "good\n")));
        // ---------------- command-line arguments ----------------
        all.addAll(List.of(
                cli("unknown command (did you mean)", "trian x.yaml", "trian", "did you mean 'train'", "rnnkit --help"),
                cli("unknown subcommand of runs", "runs lst", "lst", "did you mean 'list'"),
                cli("unknown option on train", "train {d}/c.yaml --epochs 3", "--epochs").with("c.yaml", VALID),
                cli("option without its value", "train {d}/c.yaml --run-dir", "--run-dir").with("c.yaml", VALID),
                cli("--set without its value", "validate {d}/c.yaml --set", "--set").with("c.yaml", VALID),
                cli("validate without a config", "validate", "CONFIG"),
                cli("evaluate without --data", "evaluate {cls}", "--data"),
                cli("predict without --input", "predict {cls}", "--input"),
                cli("predict --beam not a number", "predict {cls} --input - --beam wide", "--beam", "wide"),
                cli("predict --beam 0", "predict {cls} --input - --beam 0", "--beam", "0"),
                cli("evaluate --beam for a classifier", "evaluate {cls} --data {d}/x.tsv --beam 2", "--beam", "attention decoder")
                        .with("x.tsv", "good\tpos\n"),
                cli("inspect --seq-length not a number", "inspect {d}/c.yaml --seq-length abc", "--seq-length", "abc")
                        .with("c.yaml", VALID),
                cli("generate --length not a number", "generate {gen} --length abc", "--length", "abc"),
                cli("generate --length beyond int range", "generate {gen} --length 99999999999", "--length", "99999999999"),
                cli("generate --temperature NaN", "generate {gen} --temperature NaN", "--temperature", "NaN"),
                cli("generate --temperature negative", "generate {gen} --temperature -1", "--temperature", "-1"),
                cli("generate --temperature 1e400 (overflows to Infinity)", "generate {gen} --temperature 1e400", "--temperature"),
                cli("generate --top-k not a number", "generate {gen} --top-k many", "--top-k", "many"),
                cli("generate --seed not a number", "generate {gen} --seed x", "--seed", "'x'"),
                cli("--seeds with an empty item", "train {d}/c.yaml --seeds 1,,2", "--seeds").with("c.yaml", VALID),
                cli("--resume together with --run-dir", "train {d}/c.yaml --resume {d}/r --run-dir {d}/run", "--run-dir",
                        "--resume").with("c.yaml", VALID),
                cli("--resume of a folder that is not a run", "train {d}/c.yaml --resume {d}/folder", "folder", "run")
                        .with("c.yaml", TrainFixtures.CLASSIFICATION).with("folder/", ""),
                cli("--run-dir is an existing file", "train {d}/c.yaml --data-dir {d} --run-dir {d}/taken", "taken",
                        "is a file", "folder")
                        .with("c.yaml", TrainFixtures.CLASSIFICATION).with("taken", "x"),
                cli("evaluate --out is an existing file", "evaluate {cls} --data {d}/x.tsv --out {d}/taken", "--out",
                        "taken is a file", "folder")
                        .with("x.tsv", TSV_HEAD + "good\tpos\nbad\tneg\n").with("taken", "x"),
                cli("backtest --folds negative", "backtest {fc} --folds -2", "--folds", "-2"),
                cli("backtest --plot-steps past the horizon", "backtest {fc} --plot-steps 9 --data {d}/x.csv --out {d}/bt", "--plot-steps",
                        "plot step 9 is outside the horizon 1..2").with("x.csv", series(80)),
                cli("runs list of a missing folder", "runs list {d}/nope", "nope", "no such folder"),
                cli("runs compare of one run only", "runs compare {cls}", "RUN"),
                cli("runs compare --split train", "runs compare {cls} {cls} --split train", "--split", "validation or test"),
                cli("runs compare --goal up", "runs compare {cls} {cls} --goal up", "--goal", "minimize or maximize"),
                cli("runs compare of folders that are not runs", "runs compare {d}/a {d}/b", "a").with("a/", "").with("b/", ""),
                cli("sweep run --parallel 0", "sweep run {d}/s.yaml --parallel 0", "--parallel", "at least 1"),
                cli("sweep run --executor cloud", "sweep run {d}/s.yaml --executor cloud", "--executor", "local or slurm"),
                cli("sweep status of a missing folder", "sweep status {d}/nope", "nope"),
                cli("datasets fetch of an unknown data set", "datasets fetch sst --data-dir {d}", "sst", "sst2"),
                cli("datasets path of an unknown data set", "datasets path conll --data-dir {d}", "conll", "conll2003"),
                cli("datasets generate --train negative", "datasets generate dates --train -5 --data-dir {d}", "--train", "-5"),
                cli("datasets generate --train not a number", "datasets generate dates --train lots --data-dir {d}", "--train",
                        "lots")));
        return all.stream();
    }

    @BeforeAll
    static void trainOneTinyModelPerFamily() throws IOException {
        for (String family : List.of("cls", "tag", "fc", "gen", "s2s")) {
            Path data = writeFamily(family, models.resolve(family));
            Path run = models.resolve(family + "-run");
            CliTestSupport.Result r = CliTestSupport.run("train", data.resolve("c.yaml").toString(), "--data-dir", data.toString(),
                    "--run-dir", run.toString(), "--set", "training.epochs=1");
            assertEquals(0, r.exitCode(), family + ": " + r.err());
            RUNS.put(family, run);
        }
    }

    /** Writes a family's valid config (c.yaml) and data into {@code dir}. */
    static Path writeFamily(String family, Path dir) throws IOException {
        Files.createDirectories(dir);
        String yaml = switch (family) {
            case "cls" -> {
                TrainFixtures.classificationData(dir);
                yield TrainFixtures.CLASSIFICATION;
            }
            case "tag" -> {
                TrainFixtures.taggingData(dir);
                yield TrainFixtures.TAGGING;
            }
            case "fc" -> {
                TrainFixtures.forecastData(dir);
                yield TrainFixtures.FORECAST;
            }
            case "gen" -> {
                TrainFixtures.generationData(dir);
                yield TrainFixtures.GENERATION;
            }
            case "s2s" -> {
                SyntheticPairs.write(SyntheticPairs.Task.ADDITION, dir, 48, 16, 16, 3);
                yield S2S;
            }
            default -> throw new IllegalArgumentException(family);
        };
        Files.writeString(dir.resolve("c.yaml"), yaml);
        return dir;
    }

    private static String expand(String s, Path d) {
        String out = s.replace("{d}", d.toString());
        for (Map.Entry<String, Path> e : RUNS.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue().toString());
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isOneLineNamingTheFaultWithExit2(Case c, @TempDir Path d) throws IOException {
        if (c.family() != null) {
            writeFamily(c.family(), d);
        }
        for (Map.Entry<String, Object> f : c.files().entrySet()) {
            Path p = d.resolve(f.getKey());
            if (f.getKey().endsWith("/")) {
                Files.createDirectories(p);
                continue;
            }
            Files.createDirectories(p.getParent());
            Object content = f.getValue() instanceof Supplier<?> s ? s.get() : f.getValue();
            Files.write(p, content instanceof byte[] b ? b : expand((String) content, d).getBytes(StandardCharsets.UTF_8));
        }
        String[] args = c.args().stream().map(a -> expand(a, d)).toArray(String[]::new);
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i++) {
            if ((args[i].equals("--run-dir") || args[i].equals("--out")) && !Files.exists(Path.of(args[i + 1]))) {
                outputs.add(Path.of(args[i + 1]));
            }
        }
        CliTestSupport.Result r = CliTestSupport.run(args);
        String shown = "exit " + r.exitCode() + "\n--- stderr:\n" + r.err() + "--- stdout (tail):\n"
                + r.out().substring(Math.max(0, r.out().length() - 600));
        assertEquals(2, r.exitCode(), shown);
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "exactly one line on stderr:\n" + shown);
        String line = lines.get(0);
        assertFalse(line.isBlank(), shown);
        assertFalse(line.contains("Exception") || line.contains("RNNKIT_DEBUG"), "a Java error, not a message: " + line);
        for (String fragment : c.expect()) {
            String want = expand(fragment, d);
            assertTrue(line.contains(want), "expected '" + want + "' in: " + line);
        }
        for (Path o : outputs) {
            assertFalse(Files.exists(o), "a half-made output was left behind: " + o);
        }
    }
}
