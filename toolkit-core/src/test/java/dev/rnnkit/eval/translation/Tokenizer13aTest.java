package dev.rnnkit.eval.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 13a tokeniser rule by rule.
 *
 * <p>sacreBLEU's test suite has no unit test of the 13a tokeniser alone (it is checked through the BLEU
 * scores of test/test_bleu.py and test/test_sentence_bleu.py, ported in {@link BleuTest}, and against
 * mteval-v13a.pl in test.sh, see {@link Wmt17CrossCheckTest}). The expected strings here follow from the
 * regular expressions of tokenizers/tokenizer_13a.py and tokenizer_re.py and were confirmed by running
 * sacreBLEU 2.6.0's own Tokenizer13a on the same inputs.
 */
class Tokenizer13aTest {

    private static void check(String expected, String input) {
        assertEquals(expected, Tokenizer13a.tokenize(input), () -> "input: " + input);
    }

    @Test
    void punctuationIsSplitOff() {
        check("Hello , world !", "Hello, world!");
        check("It wasn't ( really ) [ so ] { odd } a | b ~ x ^ y _ z ` q ` @ home # tag % 5 a * b + c = d ? / path \\ back",
                "It wasn't (really) [so] {odd} a|b ~x ^y _z `q` @home #tag %5 a*b+c=d? /path\\back");
        check("\" Hi \"", "\"Hi\"");
        check("C + + & C #", "C++ & C#");
    }

    @Test
    void periodsAndCommasStayInsideNumbers() {
        check("It costs $ 3,000.50 , or 3.000,50 EUR .", "It costs $3,000.50, or 3.000,50 EUR.");
        check("1,2,3", "1,2,3");
        check("e . g . U . S . A . Mr . Smith", "e.g. U.S.A. Mr. Smith");
        check("end .", "end.");
        check(". start", ".start");
        check("3 .", "3.");
        check(". 5", ".5");
        check("5 . a", "5.a");
        check("a . 5", "a.5");
        check(". . .", "...");
        check("x , , y", "x,,y");
    }

    @Test
    void dashesAreSplitOnlyAfterADigit() {
        check("The 1990 - 2000 period ; well-known co-op .", "The 1990-2000 period; well-known co-op.");
        check("1 - 2", "1-2");
        check("a-1", "a-1");
        check("1 - 2", "1- 2");
    }

    @Test
    void skippedMarkersLineBreaksAndEntities() {
        check("ab", "a<skipped>b");
        check("hyphenated line break", "hyphen-\nated line\nbreak");
        check("\" quoted \" & < tag > <", "&quot;quoted&quot; &amp; &lt;tag&gt; &amp;lt;");
        check("& quot ;", "&amp;quot;");
        check("& quot without semicolon", "&quot without semicolon");
    }

    @Test
    void whitespaceIsPythons() {
        // U+00A0 and U+2009 are whitespace to Python's str.split(); U+200B and U+FEFF are not.
        check("tab and nbsp thin\u200Bzwsp", "tab\tand\u00A0nbsp\u2009thin\u200Bzwsp");
        check("\uFEFF28 Jahre", "\uFEFF28 Jahre");
        check("leading and trailing", "  leading and trailing  ");
        check("", "");
        assertEquals(List.of("a", "b"), PythonText.split("\u0085a\u202Fb\u3000"));
        assertEquals(List.of("a\u200Bb"), PythonText.split("a\u200Bb"));
    }

    @Test
    void nonAsciiPassesThrough() {
        check("Schöne Münchnerin 2018 : , Idioten’ dazustehen .", "Schöne Münchnerin 2018: ,Idioten’ dazustehen.");
    }

    // BLEU._preprocess_segment right-strips before tokenising, so a trailing "-\n" is not joined away.
    @Test
    void bleuRightStripsBeforeTokenising() {
        assertEquals("foo-", CorpusBleu.sacreBleu().preprocess("foo-\n"));
        assertEquals("foo", Tokenizer13a.tokenize("foo-\n"));
        assertEquals("wordbreak", CorpusBleu.sacreBleu().preprocess("word-\nbreak  \n"));
    }

    // Python's str.lower() (used for lowercase=True): full case mappings and CPython's final-sigma rule, in
    // which ':' and '.' are case-ignorable; Java's own toLowerCase lowers "ΑΣ:b" to "ας:b". Expected values
    // from Python 3.11.
    @Test
    void pythonLowercase() {
        assertEquals("\u03B1\u03C3:b", PythonText.lower("\u0391\u03A3:b"));
        assertEquals("\u03B1\u03C2 ", PythonText.lower("\u0391\u03A3 "));
        assertEquals("a.\u03C2", PythonText.lower("a.\u03A3"));
        assertEquals("a\u03C3'b", PythonText.lower("a\u03A3'b"));
        assertEquals("\u03C3\u03C2", PythonText.lower("\u03A3\u03A3"));
        assertEquals("\u03C3", PythonText.lower("\u03A3"));
        assertEquals("a\u03C2\uD83D\uDE00", PythonText.lower("a\u03A3\uD83D\uDE00"));
        assertEquals("i\u0307", PythonText.lower("\u0130"));
        assertEquals("hello world", PythonText.lower("HeLLo WORLD"));
    }

    // Python's f"{x:.Nf}" rounds the exact binary value half to even; BleuScore.verbose() relies on it.
    @Test
    void pythonNumberFormatting() {
        assertEquals("0.1", PythonText.fixed(0.15, 1)); // 0.15 is 0.1499999...
        assertEquals("0.3", PythonText.fixed(0.35, 1)); // 0.35 is 0.34999999999999997...
        assertEquals("0.2", PythonText.fixed(0.25, 1)); // an exact tie goes to even
        assertEquals("48.53", PythonText.fixed(48.530827009929865, 2));
        assertEquals("-0.0", PythonText.fixed(-0.01, 1));
    }
}
