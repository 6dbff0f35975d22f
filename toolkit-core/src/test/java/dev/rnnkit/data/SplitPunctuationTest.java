package dev.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnkit.config.TokenizerConfig;
import dev.rnnkit.eval.translation.Detokenizer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code split_punctuation}: Moses-like word tokens that the BLEU detokeniser joins back into the original text. */
class SplitPunctuationTest {

    private static final Tokenizer SPLIT = new Tokenizer(new TokenizerConfig(null, null, null, true));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "A man's hat, in the rain.|A man 's hat , in the rain .",
            "Un homme mange l'orange jusqu'aujourd'hui.|Un homme mange l' orange jusqu' aujourd' hui .",
            "(Two) dogs don't run!|( Two ) dogs do n't run !",
            "Wait... a t-shirt costs 3.5 euros?|Wait ... a t-shirt costs 3.5 euros ?",
            "\"Quoted\" words: here;|\" Quoted \" words : here ;",
            "Des enfants à l’école.|Des enfants à l’ école .",
    })
    void splitsAsMosesAndDetokenisesBack(String text, String tokens) {
        List<String> split = SPLIT.tokenize(text);
        assertEquals(tokens, String.join(" ", split));
        // Quotes are the one thing the detokeniser leaves spaced (it cannot tell opening from closing).
        if (!text.contains("\"")) {
            assertEquals(text, Detokenizer.detokenize(String.join(" ", split)));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"A man's hat, in the rain.|A man's hat, in the rain."})
    void offByDefault(String text, String tokens) {
        assertEquals(List.of(tokens.split(" ")), new Tokenizer(TokenizerConfig.defaults()).tokenize(text));
    }
}
