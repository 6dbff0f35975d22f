package dev.rnnkit.data.generation;

import dev.rnnkit.config.DataConfig;
import dev.rnnkit.config.GenerationDataConfig;
import dev.rnnkit.config.InputType;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.data.BatchIterator;
import dev.rnnkit.data.DataFormatException;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.PreparedData;
import dev.rnnkit.data.Preprocessing;
import dev.rnnkit.data.ReadLog;
import dev.rnnkit.data.SourceLines;
import dev.rnnkit.data.Splits;
import dev.rnnkit.data.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a text file or a folder of text files into fixed-length sequences with next-token labels.
 *
 * <p>Tokens are first interned as provisional ids so that 19 MB of text never becomes millions of token
 * strings; the vocabulary is then fitted on the training part and the provisional ids mapped to it.
 */
public final class GenerationPipeline {

    private GenerationPipeline() {
    }

    /** Token streams as provisional ids, with the text of each provisional id. */
    private static final class Interner {
        final Map<String, Integer> ids = new HashMap<>();
        final List<String> texts = new ArrayList<>();

        int[] intern(List<String> tokens) {
            int[] out = new int[tokens.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ids.computeIfAbsent(tokens.get(i), t -> {
                    texts.add(t);
                    return texts.size() - 1;
                });
            }
            return out;
        }
    }

    /** Reads, holds out, fits the vocabulary on the training text and cuts sequences. */
    public static PreparedData prepare(RnnkitConfig config, Path dataDir) {
        DataConfig d = config.data();
        GenerationDataConfig g = d.generationOrDefaults();
        ReadLog log = new ReadLog(d.onError());
        // The vocabulary is not known yet: tokenise with a placeholder state.
        GenerationState tokenizing = new GenerationState(config.input().type(), d.tokenizer(), Vocabulary.of(List.of()), g.sequenceLength());
        Interner interner = new Interner();
        java.util.function.Function<String, List<int[]>> readFiles = name -> files(dataDir, name).stream()
                .map(f -> interner.intern(tokenizing.tokens(readText(f, displayName(dataDir, name, f), log))))
                .toList();

        Splits<int[]> streams;
        if (g.heldOut() == GenerationDataConfig.HeldOut.FILES) {
            Splits<int[]> byFile = Splits.read(d, readFiles, true, config.seed());
            streams = byFile.map(part -> List.of(concat(part)));
        } else {
            Splits<int[]> whole = Splits.read(d, name -> List.of(concat(readFiles.apply(name))), true, config.seed());
            streams = tailOfText(whole, d);
        }

        int[] counts = new int[interner.texts.size()];
        for (int code : streams.train().get(0)) {
            counts[code]++;
        }
        Map<String, Integer> byText = new HashMap<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                byText.put(interner.texts.get(i), counts[i]);
            }
        }
        Integer maxSize = DataPipelines.vocabularyLimit(config);
        Vocabulary vocabulary = Vocabulary.ofTokens(byText, maxSize, d.vocabulary().minFreq());
        GenerationState state = new GenerationState(config.input().type(), d.tokenizer(), vocabulary, g.sequenceLength());
        int[] toVocab = new int[interner.texts.size()];
        for (int i = 0; i < toVocab.length; i++) {
            toVocab[i] = vocabulary.idOrUnknown(interner.texts.get(i));
        }
        Splits<int[]> sequences = streams.map(part -> sequences(map(part.get(0), toVocab), g));
        log.note("vocabulary: " + vocabulary.size() + " tokens (" + byText.size() + " distinct in training); training text "
                + streams.train().get(0).length + " tokens");
        if (sequences.train().isEmpty()) {
            throw new DataFormatException(d.train(), 0, "the training text has " + streams.train().get(0).length
                    + " tokens, fewer than one sequence of sequence_length + 1 = " + (g.sequenceLength() + 1));
        }
        var batches = DataPipelines.batches(sequences, config, state::batch, null,
                state.inputType() == InputType.ONE_HOT ? vocabulary.size() : 1, vocabulary.size());
        return new PreparedData(Preprocessing.of(state),
                log.summary(sequences.train().size(), Splits.size(sequences.validation()), Splits.size(sequences.test())),
                batches, d.prefetch());
    }

    /**
     * The sequences of one text file or folder, encoded with a fitted state, in text order (for evaluation); the text is
     * read a line at a time, so that a corpus of any size takes the memory of one pool of sequences.
     */
    public static org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator labelled(RnnkitConfig config, GenerationState state, Path file) {
        GenerationDataConfig g = config.data().generationOrDefaults();
        List<Path> files = files(Path.of(""), file.toString());
        return DataPipelines.streamed(() -> windows(files, state, g, new ReadLog(config.data().onError())), config, state::batch, null,
                file, "fewer tokens than one sequence of sequence_length + 1 = " + (g.sequenceLength() + 1));
    }

    /**
     * The windows of {@code sequence_length + 1} ids every {@code stride} tokens of the files' text, as
     * {@link #sequences} cuts the whole text, encoded line by line (a line break ends every line, as in
     * {@link #readText}; tokens never span lines, so line-wise encoding equals encoding the whole).
     */
    static Stream<int[]> windows(List<Path> files, GenerationState state, GenerationDataConfig g, ReadLog log) {
        TokenWindows windows = new TokenWindows(files, state, g.sequenceLength() + 1, g.stride(), log);
        return java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(windows, java.util.Spliterator.ORDERED), false)
                .onClose(windows::close);
    }

    /** Cuts the token stream of a list of files into windows, keeping only the tokens of the next window. */
    private static final class TokenWindows implements java.util.Iterator<int[]> {
        private final java.util.Iterator<Path> files;
        private final GenerationState state;
        private final int window;
        private final int stride;
        private final ReadLog log;
        private Stream<SourceLines.Line> open;
        private java.util.Iterator<SourceLines.Line> lines;
        private int[] buffer = new int[1024];
        private int head;
        private int tail;
        private long skip;

        TokenWindows(List<Path> files, GenerationState state, int window, int stride, ReadLog log) {
            this.files = files.iterator();
            this.state = state;
            this.window = window;
            this.stride = stride;
            this.log = log;
        }

        @Override
        public boolean hasNext() {
            while (tail - head < window && readLine()) {
                // read until a whole window is buffered or the text ends
            }
            return tail - head >= window;
        }

        @Override
        public int[] next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            int[] out = java.util.Arrays.copyOfRange(buffer, head, head + window);
            int drop = Math.min(stride, tail - head);
            head += drop;
            skip = stride - drop;
            return out;
        }

        /** Appends the next line's ids; false when every file is read. */
        private boolean readLine() {
            while (lines == null || !lines.hasNext()) {
                close();
                if (!files.hasNext()) {
                    return false;
                }
                Path f = files.next();
                open = SourceLines.stream(f, f.toString(), log);
                lines = open.iterator();
            }
            for (int id : state.encodeText(lines.next().text() + "\n")) {
                if (skip > 0) {
                    skip--;
                    continue;
                }
                if (tail == buffer.length) {
                    compact();
                }
                buffer[tail++] = id;
            }
            return true;
        }

        private void compact() {
            int size = tail - head;
            int[] target = size * 2 > buffer.length ? new int[buffer.length * 2] : buffer;
            System.arraycopy(buffer, head, target, 0, size);
            buffer = target;
            head = 0;
            tail = size;
        }

        void close() {
            if (open != null) {
                open.close();
                open = null;
                lines = null;
            }
        }
    }

    /** With text hold-out, validation and test are the last fractions of the training text itself. */
    private static Splits<int[]> tailOfText(Splits<int[]> whole, DataConfig d) {
        int[] text = whole.train().get(0);
        double v = d.validation() == null ? d.validationSplit() : 0;
        double t = d.test() == null ? d.testSplit() : 0;
        int n = text.length;
        int testFrom = n - (int) Math.round(n * t);
        int valFrom = testFrom - (int) Math.round(n * v);
        return new Splits<>(List.of(java.util.Arrays.copyOfRange(text, 0, valFrom)),
                d.validation() != null ? whole.validation() : v > 0 ? List.of(java.util.Arrays.copyOfRange(text, valFrom, testFrom)) : null,
                d.test() != null ? whole.test() : t > 0 ? List.of(java.util.Arrays.copyOfRange(text, testFrom, n)) : null);
    }

    private static List<int[]> sequences(int[] ids, GenerationDataConfig g) {
        List<int[]> out = new ArrayList<>();
        int window = g.sequenceLength() + 1;
        for (int start = 0; start + window <= ids.length; start += g.stride()) {
            out.add(java.util.Arrays.copyOfRange(ids, start, start + window));
        }
        return out;
    }

    private static int[] map(int[] codes, int[] table) {
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = table[codes[i]];
        }
        return out;
    }

    private static int[] concat(List<int[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** The file itself, or the regular files of a folder sorted by name (hidden files left out). */
    static List<Path> files(Path dataDir, String name) {
        Path p = DataPipelines.resolve(dataDir, name);
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> s = Files.list(p)) {
            List<Path> files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new DataFormatException(name, 0, "the folder holds no text files");
            }
            return files;
        } catch (IOException e) {
            throw new DataFormatException(name, 0, "cannot list the folder: " + e.getMessage());
        }
    }

    /** The config name of a file, or {@code folder/file} for a file inside a configured folder. */
    private static String displayName(Path dataDir, String name, Path file) {
        return Files.isDirectory(DataPipelines.resolve(dataDir, name)) ? name + "/" + file.getFileName() : name;
    }

    /** A file's valid lines joined by line breaks, each line ending with one. */
    private static String readText(Path file, String name, ReadLog log) {
        StringBuilder sb = new StringBuilder();
        for (SourceLines.Line line : SourceLines.read(file, name, log)) {
            log.rowRead();
            sb.append(line.text()).append('\n');
        }
        return sb.toString();
    }
}
