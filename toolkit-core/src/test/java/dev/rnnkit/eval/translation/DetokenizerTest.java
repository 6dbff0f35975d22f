package dev.rnnkit.eval.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The small Moses-like rule set: closing punctuation and clitics attach left, opening brackets and elisions attach right. */
class DetokenizerTest {

    @Test
    void punctuationAndCliticsAttach() {
        assertEquals("Un homme, une femme et un chien (noir) courent.", Detokenizer.detokenize("Un homme , une femme et un chien ( noir ) courent ."));
        assertEquals("Il ne sait pas... vraiment!", Detokenizer.detokenize("Il ne sait pas ... vraiment !"));
        assertEquals("Quoi?! [oui]: {non};", Detokenizer.detokenize("Quoi ? ! [ oui ] : { non } ;"));
        assertEquals("The dog's ball isn't red, they're sure.", Detokenizer.detokenize("The dog 's ball is n't red , they 're sure ."));
        assertEquals("l'homme d'une femme qu'il voit jusqu'ici", Detokenizer.detokenize("l' homme d' une femme qu' il voit jusqu' ici"));
    }

    @Test
    void rawWhitespaceTokensPassThrough() {
        String raw = "Un garçon avec un casque est assis sur les épaules d'une femme.";
        assertEquals(raw, Detokenizer.detokenize(raw));
        assertEquals("", Detokenizer.detokenize(""));
        assertEquals("a b", Detokenizer.detokenize("a  b"));
    }
}
