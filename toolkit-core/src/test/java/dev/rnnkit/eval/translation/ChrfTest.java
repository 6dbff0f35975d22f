package dev.rnnkit.eval.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expected values are sacreBLEU's own (v2.6.0, github.com/mjpost/sacrebleu): each test names the file and
 * parameter list of sacreBLEU's test suite it is ported from, and uses that test's tolerance.
 */
class ChrfTest {

    // test/test_chrf.py: EPSILON
    private static final double EPSILON = 1e-4;

    /** test/test_chrf.py calls corpus_chrf(hyps, [refs], char_order=6, word_order=0, beta=3, ...). */
    private static CorpusChrf beta3() {
        return CorpusChrf.sacreBleu().withCharOrder(6).withWordOrder(0).withBeta(3);
    }

    // test/test_chrf.py: test_cases (used by test_chrf, eps_smoothing=True).
    static Stream<Arguments> epsCases() {
        return Stream.of(
                Arguments.of(List.of("abcdefg"), List.of("hijklmnop"), 0.0),
                Arguments.of(List.of("a"), List.of("b"), 0.0),
                Arguments.of(List.of(""), List.of("b"), 0.0),
                Arguments.of(List.of(""), List.of("ref"), 0.0),
                Arguments.of(List.of(""), List.of("reference"), 0.0),
                Arguments.of(List.of("aa"), List.of("ab"), 8.3333),
                Arguments.of(List.of("a", "b"), List.of("a", "c"), 8.3333),
                Arguments.of(List.of("a"), List.of("a"), 16.6667),
                Arguments.of(List.of("a b c"), List.of("a b c"), 50.0),
                Arguments.of(List.of("a b c"), List.of("abc"), 50.0),
                Arguments.of(List.of(" risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists ."),
                        List.of("risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists ."), 63.361730),
                Arguments.of(List.of(" Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. "),
                        List.of("Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich."), 64.1302698),
                Arguments.of(List.of("Niemand hat die Absicht, eine Mauer zu errichten"),
                        List.of("Niemand hat die Absicht, eine Mauer zu errichten"), 100.0));
    }

    @ParameterizedTest
    @MethodSource("epsCases")
    void chrfEpsSmoothing(List<String> hyps, List<String> refs, double expected) {
        assertEquals(expected, beta3().withEpsSmoothing(true).score(hyps, List.of(refs)).score(), EPSILON);
    }

    // test/test_chrf.py: test_cases_effective_order (used by test_chrf_eff_order, eps_smoothing=False).
    static Stream<Arguments> effectiveOrderCases() {
        return Stream.of(
                Arguments.of(List.of("a"), List.of("a"), 100.0),
                Arguments.of(List.of(""), List.of("reference"), 0.0),
                Arguments.of(List.of("a b c"), List.of("a b c"), 100.0),
                Arguments.of(List.of("a b c"), List.of("abc"), 100.0),
                Arguments.of(List.of(""), List.of("c"), 0.0),
                Arguments.of(List.of("a", "b"), List.of("a", "c"), 50.0),
                Arguments.of(List.of("aa"), List.of("ab"), 25.0));
    }

    @ParameterizedTest
    @MethodSource("effectiveOrderCases")
    void chrfEffectiveOrder(List<String> hyps, List<String> refs, double expected) {
        assertEquals(expected, beta3().withEpsSmoothing(false).score(hyps, List.of(refs)).score(), EPSILON);
    }

    // test/test_chrf.py: test_cases_keep_whitespace (used by test_chrf_keep_whitespace, remove_whitespace=False).
    static Stream<Arguments> keepWhitespaceCases() {
        return Stream.of(
                Arguments.of(List.of("Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich."),
                        List.of("Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich."), 67.3481606),
                Arguments.of(List.of("risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists ."),
                        List.of("risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists ."), 65.2414427));
    }

    @ParameterizedTest
    @MethodSource("keepWhitespaceCases")
    void chrfKeepWhitespace(List<String> hyps, List<String> refs, double expected) {
        assertEquals(expected, beta3().withWhitespace(true).score(hyps, List.of(refs)).score(), EPSILON);
    }

    // test/test_chrf.py: test_sentence_level_chrf (used by test_chrf_sentence_level: sentence_chrf with the
    // defaults, beta 2, and eps_smoothing=True).
    static Stream<Arguments> sentenceCases() {
        return Stream.of(
                Arguments.of("Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.",
                        List.of("Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře."), 39.14078509),
                Arguments.of("Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.",
                        List.of("A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři."), 31.22557079),
                Arguments.of("Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.",
                        List.of("Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli."), 57.15704367));
    }

    @ParameterizedTest
    @MethodSource("sentenceCases")
    void chrfSentenceLevel(String hyp, List<String> refs, double expected) {
        assertEquals(expected, CorpusChrf.sacreBleu().withEpsSmoothing(true).sentenceScore(hyp, refs).score(), EPSILON);
    }

    // sacreBLEU's README.md, "Using SacreBLEU from Python" (In [6]/Out[6], version 2.0.0): CHRF() on the README
    // example of test/test_bleu.py gives "chrF2 = 59.73"; the signature is CHRFSignature's.
    @Test
    void readmeExampleAndSignature() {
        ChrfScore s = CorpusChrf.sacreBleu().score(BleuTest.HYPS, BleuTest.REFS);
        assertEquals("59.73", PythonText.fixed(s.score(), 2));
        assertEquals("chrF2", s.name());
        assertEquals("nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0", s.signature());
        assertEquals("chrF2|nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0 = 59.73", s.format(2));
        assertEquals("chrF2++|nrefs:1|case:lc|eff:no|nc:6|nw:2|space:yes|version:2.6.0",
                CorpusChrf.chrfPlusPlus().withLowercase(true).withEpsSmoothing(true).withWhitespace(true).name()
                        + "|" + CorpusChrf.chrfPlusPlus().withLowercase(true).withEpsSmoothing(true).withWhitespace(true).signature(1));
    }

    // chrF++'s word split (CHRF._remove_punctuation), including the documented '(hi)' -> '(hi', ')' of issue #124.
    @Test
    void punctuationSplit() {
        assertEquals(List.of("(hi", ")", "a", "Hello", ",", "!", "world", "\"", "quoted", "x.y", "!", "!!", "!"),
                CorpusChrf.splitPunctuation("(hi) a Hello, ! world \"quoted x.y! !!!"));
    }

    @Test
    void accumulatorEqualsWholeCorpusAndRejectsBadInput() {
        CorpusChrf chrf = CorpusChrf.chrfPlusPlus();
        CorpusChrf.Accumulator acc = chrf.accumulator();
        for (int i = 0; i < BleuTest.HYPS.size(); i++) {
            acc.add(BleuTest.HYPS.get(i), BleuTest.REFS.get(0).get(i), BleuTest.REFS.get(1).get(i));
        }
        assertEquals(chrf.score(BleuTest.HYPS, BleuTest.REFS), acc.result());
        assertEquals(3 * 8, acc.result().statistics().size());
        List<String> first = Arrays.asList(null, "It was not unexpected.", "The man bit him first.");
        assertEquals("nrefs:var|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0",
                chrf.score(BleuTest.HYPS, List.of(first, BleuTest.REFS.get(1))).signature());
        assertThrows(IllegalArgumentException.class, () -> chrf.score(BleuTest.HYPS, List.of(List.of("a"))));
        assertThrows(IllegalArgumentException.class, () -> chrf.accumulator().add("a", (String) null));
    }
}
