package dev.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, evaluate and predict with an attention encoder-decoder on line-aligned files: beams, BLEU, attention weights. */
class TranslationCommandsTest {

    @TempDir
    static Path dir;

    static Path run;

    @BeforeAll
    static void trainOnce() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        String[][] nouns = {{"cat", "chat"}, {"dog", "chien"}, {"bird", "oiseau"}};
        String[][] verbs = {{"sees", "voit"}, {"eats", "mange"}};
        StringBuilder en = new StringBuilder();
        StringBuilder fr = new StringBuilder();
        for (int i = 0; i < 36; i++) {
            String[] a = nouns[i % 3];
            String[] v = verbs[(i / 3) % 2];
            String[] b = nouns[(i / 6) % 3];
            en.append("the ").append(a[0]).append(' ').append(v[0]).append(" the ").append(b[0]).append(".\n");
            fr.append("le ").append(a[1]).append(' ').append(v[1]).append(" le ").append(b[1]).append(".\n");
        }
        for (String split : new String[] {"train", "dev"}) {
            Files.writeString(data.resolve(split + ".en"), en.toString());
            Files.writeString(data.resolve(split + ".fr"), fr.toString());
        }
        Files.writeString(dir.resolve("mt.yaml"), """
                name: mt
                seed: 3
                input: {type: embedding, embedding_size: 16}
                encoder: [{cell_type: lstm, state_size: 16, bidirectional: true}]
                output:
                  type: seq2seq
                  output_length: 10
                  decoder: [{cell_type: lstm, state_size: 32}]
                  attention: {score: general, beam_size: 3}
                training: {batch_size: 6, epochs: 25, optimizer: {type: adam, learning_rate: 0.02}}
                data:
                  train: train
                  validation: dev
                  prefetch: 0
                  tokenizer: {split_punctuation: true}
                  seq2seq: {source_lang: en, target_lang: fr}
                """);
        run = dir.resolve("run");
        CliTestSupport.Result r = CliTestSupport.run("train", dir.resolve("mt.yaml").toString(), "--data-dir", data.toString(),
                "--run-dir", run.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void evaluateScoresBleuWithTheGivenBeamAndDrawsHeatMaps() throws IOException {
        for (String beam : new String[] {"1", "4"}) {
            Path out = dir.resolve("ev-" + beam);
            CliTestSupport.Result r = CliTestSupport.run("evaluate", run.toString(), "--data", dir.resolve("data/dev").toString(),
                    "--beam", beam, "--out", out.toString());
            assertEquals(0, r.exitCode(), r.err());
            JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).path("metrics");
            // The training pairs again: a trained model translates them all.
            assertEquals(100.0, metrics.path("bleu").asDouble(), 1e-9, r.out());
            assertTrue(Files.size(out.resolve("attention-1.png")) > 1000);
            assertTrue(Files.isRegularFile(out.resolve("attention-4.png")));
        }
    }

    @Test
    void predictPrintsTranslationsWithAttentionOverTheSourceTokens() throws IOException {
        Path input = Files.writeString(dir.resolve("in.txt"), "the dog eats the cat.\n\nthe bird sees the dog.\n");
        CliTestSupport.Result r = CliTestSupport.run("predict", run.toString(), "--input", input.toString(), "--beam", "2", "--attention");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertEquals("the dog eats the cat.", first.path("source").asText());
        assertEquals("le chien mange le chat.", first.path("output").asText());
        assertEquals("[\"the\",\"dog\",\"eats\",\"the\",\"cat\",\".\"]", first.path("source_tokens").toString());
        assertEquals("[\"le\",\"chien\",\"mange\",\"le\",\"chat\",\".\",\"</s>\"]", first.path("output_tokens").toString());
        JsonNode attention = first.path("attention");
        assertEquals(7, attention.size());
        for (JsonNode row : attention) {
            assertEquals(6, row.size());
            double sum = 0;
            for (JsonNode w : row) {
                sum += w.asDouble();
            }
            assertEquals(1.0, sum, 1e-5);
        }
        assertEquals("le oiseau voit le chien.", new ObjectMapper().readTree(lines[1]).path("output").asText());
    }

    @Test
    void aBeamOutsideOneToAHundredIsOneLineAndExit2() {
        CliTestSupport.Result r = CliTestSupport.run("predict", run.toString(), "--input", "-", "--beam", "0");
        assertEquals(2, r.exitCode());
        assertEquals("rnnkit: --beam: expected a width from 1 to 100, got 0\n", r.err());
    }
}
