package dev.rnnkit.data.tagging;

import dev.rnnkit.config.DataConfig;
import dev.rnnkit.config.InputType;
import dev.rnnkit.config.RnnkitConfig;
import dev.rnnkit.config.TaggingDataConfig;
import dev.rnnkit.data.BatchIterator;
import dev.rnnkit.data.DataPipelines;
import dev.rnnkit.data.PreparedData;
import dev.rnnkit.data.Preprocessing;
import dev.rnnkit.data.ReadLog;
import dev.rnnkit.data.SourceLines;
import dev.rnnkit.data.Splits;
import dev.rnnkit.data.Tokenizer;
import dev.rnnkit.data.Vocabulary;
import dev.rnnkit.data.WordCharacters;
import dev.rnnkit.model.ClassCounts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Reads CoNLL-style column files into per-token tag batches with masks.
 *
 * <p>{@code -DOCSTART-} lines are skipped; a blank or whitespace-only line ends a sentence. Tags are
 * checked against {@code input_scheme} and converted to {@code scheme}; a tag that breaks the scheme is repaired
 * as conlleval reads it and counted in the read summary per file, or, under {@code tag_errors: strict}, rejects
 * its sentence.
 */
public final class TaggingPipeline {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String REPAIR_REMEDY = "data.tagging.tag_errors: strict rejects them";

    /** One well-formed sentence, tags already in the training scheme. */
    record Sentence(String file, List<Long> lines, List<String> tokens, List<String> tags) {
    }

    /** One encoded sentence: token ids, word-feature classes [feature][token], character ids [token][char] or null, tag ids. */
    record Example(int[] ids, int[][] wordClasses, int[][] chars, int[] tags) {
    }

    private TaggingPipeline() {
    }

    /** Reads, splits, fits vocabulary and tag set on the training split, and batches every split. */
    public static PreparedData prepare(RnnkitConfig config, Path dataDir) {
        DataConfig d = config.data();
        TaggingDataConfig t = d.taggingOrDefaults();
        ReadLog log = new ReadLog(d.onError());
        Splits<Sentence> sentences = Splits.read(d, name -> readSentences(dataDir, name, t, log), false, config.seed());

        Tokenizer tokenizer = new Tokenizer(d.tokenizer());
        Map<String, Integer> counts = new HashMap<>();
        TreeSet<String> tagNames = new TreeSet<>();
        for (Sentence s : sentences.train()) {
            s.tokens().forEach(tok -> counts.merge(tokenizer.normalize(tok), 1, Integer::sum));
            tagNames.addAll(s.tags());
        }
        List<String> tagList = new ArrayList<>();
        if (tagNames.remove("O")) {
            tagList.add("O"); // "O" first, then the entity tags in text order
        }
        tagList.addAll(tagNames);
        Integer maxSize = DataPipelines.vocabularyLimit(config);
        WordCharacters characters = config.input().charEncoder() == null ? null
                : WordCharacters.fit(() -> sentences.train().stream().flatMap(s -> s.tokens().stream()).iterator(),
                config.input().charEncoder());
        TaggingState fitted = new TaggingState(config.input().type(), d.tokenizer(), t.maxLength(),
                Vocabulary.ofTokens(counts, maxSize, d.vocabulary().minFreq()), Vocabulary.of(tagList), t.scheme(),
                config.input().wordFeatures(), null, characters);

        Splits<Example> examples = sentences.map(part -> encode(part, fitted, log));
        // Count the encoded (truncated) tags: exactly the real, unmasked steps the loss sees.
        TaggingState state = fitted.withTagCounts(ClassCounts.of(tagList,
                examples.train().stream().flatMapToInt(e -> IntStream.of(e.tags()))));
        log.note("vocabulary: " + state.vocabulary().size() + " tokens; tags (" + t.scheme().yamlName() + "): "
                + String.join(" ", tagList));
        if (characters != null) {
            log.note(characters.summary());
        }
        DataPipelines.noteClassWeights(config, state.shape(), log);
        var batches = DataPipelines.batches(examples, config,
                part -> batch(state, part),
                e -> e.ids().length, state.inputType() == InputType.ONE_HOT ? state.vocabulary().size()
                        : 1 + config.input().wordFeatureWidth(), tagList.size());
        return new PreparedData(Preprocessing.of(state),
                log.summary(examples.train().size(), Splits.size(examples.validation()), Splits.size(examples.test())),
                batches, d.prefetch());
    }

    /** Every well-formed sentence of one labelled file, encoded with a fitted state, batched by length (for evaluation). */
    public static org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator labelled(RnnkitConfig config, TaggingState state, Path file) {
        return DataPipelines.streamed(() -> {
            ReadLog log = new ReadLog(config.data().onError());
            return sentences(Path.of(""), file.toString(), config.data().taggingOrDefaults(), log)
                    .map(s -> encode(s, state, log)).filter(java.util.Objects::nonNull);
        }, config, part -> batch(state, part), e -> e.ids().length, file);
    }

    private static org.nd4j.linalg.dataset.MultiDataSet batch(TaggingState state, List<Example> part) {
        return state.batch(part.stream().map(Example::ids).toList(), part.stream().map(Example::wordClasses).toList(),
                part.stream().map(Example::chars).toList(), part.stream().map(Example::tags).toList());
    }

    static List<Sentence> readSentences(Path dataDir, String name, TaggingDataConfig t, ReadLog log) {
        try (Stream<Sentence> sentences = sentences(dataDir, name, t, log)) {
            return sentences.collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        }
    }

    /** The well-formed sentences of {@code name}, read one line at a time (close the stream to close the file). */
    static Stream<Sentence> sentences(Path dataDir, String name, TaggingDataConfig t, ReadLog log) {
        Stream<SourceLines.Line> source = SourceLines.stream(DataPipelines.resolve(dataDir, name), name, log);
        java.util.Iterator<SourceLines.Line> lines = source.iterator();
        java.util.Iterator<Sentence> sentences = new java.util.Iterator<>() {
            private final java.util.ArrayDeque<Sentence> ready = new java.util.ArrayDeque<>();
            private SentenceBuilder current = new SentenceBuilder(name);
            private int expectedColumns = -1;
            private boolean ended;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && !ended) {
                    if (lines.hasNext()) {
                        read(lines.next());
                    } else {
                        current.finish(t, log, ready);
                        ended = true;
                    }
                }
                return !ready.isEmpty();
            }

            @Override
            public Sentence next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return ready.poll();
            }

            private void read(SourceLines.Line line) {
                String text = line.text();
                if (text.isBlank() || text.startsWith("-DOCSTART-")) {
                    current.finish(t, log, ready);
                    current = new SentenceBuilder(name);
                    return;
                }
                if (current.bad) {
                    return;
                }
                String[] fields = t.delimiter() == null ? WHITESPACE.split(text.strip()) : text.split(Pattern.quote(t.delimiter()), -1);
                if (expectedColumns < 0) {
                    expectedColumns = fields.length;
                }
                int tokenCol = t.tokenColumn() < 0 ? fields.length + t.tokenColumn() : t.tokenColumn();
                int tagCol = t.tagColumn() < 0 ? fields.length + t.tagColumn() : t.tagColumn();
                if (fields.length != expectedColumns || Math.max(tokenCol, tagCol) >= fields.length || Math.min(tokenCol, tagCol) < 0
                        || tokenCol == tagCol) {
                    current.reject(log, line.number(), "wrong column count", "expected " + expectedColumns + " columns (token column "
                            + t.tokenColumn() + ", tag column " + t.tagColumn() + "), got " + fields.length);
                    return;
                }
                current.add(line.number(), fields[tokenCol], fields[tagCol]);
            }
        };
        return java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(sentences, java.util.Spliterator.ORDERED), false)
                .onClose(source::close);
    }

    /** Collects one sentence's lines; a rejected line spoils the whole sentence. */
    private static final class SentenceBuilder {
        private final String file;
        private final List<Long> lines = new ArrayList<>();
        private final List<String> tokens = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();
        private boolean bad;

        SentenceBuilder(String file) {
            this.file = file;
        }

        void add(long line, String token, String tag) {
            lines.add(line);
            tokens.add(token);
            tags.add(tag);
        }

        void reject(ReadLog log, long line, String kind, String message) {
            bad = true;
            log.reject(file, line, kind, message);
        }

        void finish(TaggingDataConfig t, ReadLog log, java.util.Collection<Sentence> out) {
            if (tokens.isEmpty() && !bad) {
                return;
            }
            log.rowRead();
            if (bad) {
                return;
            }
            try {
                TagSchemes.Reading reading = TagSchemes.read(tags, t.inputScheme(), t.tagErrors());
                for (TagSchemes.Repair r : reading.repairs()) {
                    log.repaired(file, lines.get(r.index()), "tags repaired", r.kind().description(), REPAIR_REMEDY);
                }
                out.add(new Sentence(file, lines, tokens, TagSchemes.write(reading.spans(), tags.size(), t.scheme())));
            } catch (TagSchemes.Violation v) {
                log.reject(file, lines.get(v.index()), "tag scheme violation", v.getMessage());
            }
        }
    }

    private static List<Example> encode(List<Sentence> sentences, TaggingState state, ReadLog log) {
        List<Example> out = new ArrayList<>(sentences.size());
        for (Sentence s : sentences) {
            Example e = encode(s, state, log);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** One sentence encoded with {@code state} (cut to its max_length), or null when it was rejected through {@code log}. */
    private static Example encode(Sentence s, TaggingState state, ReadLog log) {
        int[] ids = state.encodeTokens(s.tokens());
        int[] tags = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            tags[i] = state.tags().id(s.tags().get(i));
            if (tags[i] < 0) {
                log.reject(s.file(), s.lines().get(i), "unknown tag", "unknown tag '" + s.tags().get(i)
                        + "'; the training split has " + String.join(" ", state.tags().entries()));
                return null;
            }
        }
        return new Example(ids, state.wordClasses(s.tokens(), ids.length), state.characterIds(s.tokens(), ids.length), tags);
    }
}
