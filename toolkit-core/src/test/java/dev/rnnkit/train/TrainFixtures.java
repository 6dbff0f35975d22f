package dev.rnnkit.train;

import dev.rnnkit.config.ConfigException;
import dev.rnnkit.config.ConfigLoader;
import dev.rnnkit.config.RnnkitConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Tiny data sets and configs of every task family for training tests (state_size 8, a few dozen examples). */
public final class TrainFixtures {

    private TrainFixtures() {
    }

    /** A validated config from YAML text. */
    public static RnnkitConfig config(String yaml, String... overrides) {
        try {
            return ConfigLoader.parse(yaml, "test.yaml", List.of(overrides));
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    public static final String CLASSIFICATION = """
            name: cls
            seed: 7
            input: {type: embedding, embedding_size: 4}
            encoder: [{cell_type: lstm, state_size: 8}]
            output: {type: classification}
            training: {batch_size: 4, epochs: 2, optimizer: {type: adam, learning_rate: 0.05}}
            data:
              train: train.tsv
              validation: dev.tsv
              test: test.tsv
              prefetch: 0
              text: {text_column: sentence, label_column: label}
            """;

    /** Writes train/dev/test TSVs of positive ("good ...") and negative ("bad ...") sentences. */
    public static Path classificationData(Path dir) {
        write(dir, "train.tsv", sentences(24));
        write(dir, "dev.tsv", sentences(8));
        write(dir, "test.tsv", sentences(6));
        return dir;
    }

    private static String sentences(int n) {
        String[] good = {"good movie", "great film", "good fun", "really good", "great great acting", "fine good plot"};
        String[] bad = {"bad movie", "awful film", "bad plot", "really bad", "awful awful acting", "dull bad story"};
        StringBuilder sb = new StringBuilder("sentence\tlabel\n");
        for (int i = 0; i < n; i++) {
            sb.append(i % 2 == 0 ? good[i / 2 % good.length] : bad[i / 2 % bad.length]).append('\t').append(i % 2 == 0 ? "pos" : "neg").append('\n');
        }
        return sb.toString();
    }

    public static final String TAGGING = """
            name: tag
            seed: 3
            input: {type: embedding, embedding_size: 4}
            encoder: [{cell_type: lstm, state_size: 8}]
            output: {type: tagging}
            training: {batch_size: 4, epochs: 2}
            data: {train: train.txt, validation: dev.txt, prefetch: 0}
            """;

    /** Writes CoNLL files where capitalised names are persons and "in X" places are locations. */
    public static Path taggingData(Path dir) {
        write(dir, "train.txt", conll(16));
        write(dir, "dev.txt", conll(6));
        return dir;
    }

    private static String conll(int n) {
        String[][] persons = {{"Anna", "Smith"}, {"Bob"}, {"Carla", "Diaz"}};
        String[] places = {"Paris", "Rome", "Berlin"};
        StringBuilder sb = new StringBuilder("-DOCSTART- O\n\n");
        for (int i = 0; i < n; i++) {
            String[] p = persons[i % persons.length];
            for (int j = 0; j < p.length; j++) {
                sb.append(p[j]).append(j == 0 ? " B-PER\n" : " I-PER\n");
            }
            sb.append("lives O\nin O\n").append(places[i % places.length]).append(" B-LOC\n\n");
        }
        return sb.toString();
    }

    public static final String FORECAST = """
            name: fc
            seed: 5
            input: {type: dense}
            encoder: [{cell_type: gru, state_size: 8}]
            output: {type: forecast, horizon: 2}
            training: {batch_size: 8, epochs: 2}
            data:
              train: series.csv
              validation_split: 0.2
              test_split: 0.2
              prefetch: 0
              time_series: {timestamp_columns: [date], target_columns: [temp], lookback: 6, season: 3}
            """;

    /** Writes a daily series with a period-3 pattern; dates 2020-01-01 onwards. */
    public static Path forecastData(Path dir) {
        StringBuilder sb = new StringBuilder("date,temp\n");
        java.time.LocalDate d = java.time.LocalDate.of(2020, 1, 1);
        for (int i = 0; i < 80; i++) {
            sb.append(d.plusDays(i)).append(',').append(10 + 3 * (i % 3) + 0.1 * i).append('\n');
        }
        write(dir, "series.csv", sb.toString());
        return dir;
    }

    public static final String GENERATION = """
            name: gen
            seed: 11
            input: {type: one_hot}
            encoder: [{cell_type: lstm, state_size: 8}]
            output: {type: generation}
            training: {batch_size: 4, epochs: 2, tbptt_length: 4}
            data:
              train: corpus.txt
              validation_split: 0.2
              prefetch: 0
              tokenizer: {level: char}
              generation: {sequence_length: 8}
            """;

    /** Writes a small repetitive text. */
    public static Path generationData(Path dir) {
        write(dir, "corpus.txt", "the cat sat on the mat\nthe dog sat on the log\n".repeat(6));
        return dir;
    }

    /** English to "French" word pairs in line-aligned files, for an attention encoder-decoder. */
    public static final String TRANSLATION = """
            name: mt
            seed: 5
            input: {type: embedding, embedding_size: 6}
            encoder: [{cell_type: lstm, state_size: 4, bidirectional: true, dropout: 0.2}]
            output:
              type: seq2seq
              output_length: 8
              decoder: [{cell_type: lstm, state_size: 8, dropout: 0.2}]
              attention: {score: general, beam_size: 2}
            training: {batch_size: 4, epochs: 2, optimizer: {type: adam, learning_rate: 0.02}, early_stopping: {metric: val_bleu}}
            data:
              train: train
              validation: dev
              test: test
              prefetch: 0
              tokenizer: {split_punctuation: true}
              seq2seq: {source_lang: en, target_lang: fr}
            """;

    /** Writes train/dev/test.{en,fr}: short sentences and their word-for-word "translations". */
    public static Path translationData(Path dir) {
        String[][] words = {{"the", "le"}, {"cat", "chat"}, {"dog", "chien"}, {"sees", "voit"}, {"eats", "mange"},
                {"a", "un"}, {"bird", "oiseau"}, {"fish", "poisson"}};
        for (String[] split : new String[][] {{"train", "20"}, {"dev", "6"}, {"test", "5"}}) {
            StringBuilder en = new StringBuilder();
            StringBuilder fr = new StringBuilder();
            int n = Integer.parseInt(split[1]);
            for (int i = 0; i < n; i++) {
                int a = 1 + i % 2;
                int b = 6 + (i / 2) % 2;
                int verb = 3 + (i / 4) % 2;
                en.append("the ").append(words[a][0]).append(' ').append(words[verb][0]).append(" a ").append(words[b][0]).append(".\n");
                fr.append("le ").append(words[a][1]).append(' ').append(words[verb][1]).append(" un ").append(words[b][1]).append(".\n");
            }
            write(dir, split[0] + ".en", en.toString());
            write(dir, split[0] + ".fr", fr.toString());
        }
        return dir;
    }

    public static void write(Path dir, String name, String content) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
