package dev.rnnkit.eval.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole-corpus check on the WMT17 English-German systems that sacreBLEU ships with its tests, against the
 * numbers in sacreBLEU's test.sh (mteval-v13a.pl BLEU, chrF++.py chrF and chrF++) and README.md. Opt-in,
 * because the data (6 MB of text) is not part of this repository.
 *
 * <p>To run it, export the data from sacreBLEU's {@code test/wmt17_en_de_systems.pkl.bz2} (a pickled list
 * of {@code (system name, 3004 segments)} pairs ending with {@code ("reference", [segments])}; only the
 * Python standard library is needed):
 * <pre>{@code
 * python3 -c "import bz2,pickle,sys; d=pickle.load(bz2.BZ2File(sys.argv[1])); _,r=d.pop()
 * for n,s in d+[('ref',r[0])]: open(sys.argv[2]+'/'+n,'w',encoding='utf-8').write(''.join(l+'\n' for l in s))" \
 *   wmt17_en_de_systems.pkl.bz2 /tmp/wmt17
 * SACREBLEU_WMT17_DIR=/tmp/wmt17 mvn -o -q test -pl toolkit-core -Dtest=Wmt17CrossCheckTest
 * }</pre>
 * No segment holds a line break, so one segment per line is exact. Files are read line by line through the
 * accumulators, as a large test set would be.
 */
@EnabledIfEnvironmentVariable(named = "SACREBLEU_WMT17_DIR", matches = ".+")
class Wmt17CrossCheckTest {

    private static Path dir() {
        return Path.of(System.getenv("SACREBLEU_WMT17_DIR"));
    }

    private static void feed(String system, CorpusBleu.Accumulator bleu, CorpusChrf.Accumulator... chrfs) throws IOException {
        try (BufferedReader hyp = Files.newBufferedReader(dir().resolve("newstest2017." + system + ".en-de"), StandardCharsets.UTF_8);
                BufferedReader ref = Files.newBufferedReader(dir().resolve("ref"), StandardCharsets.UTF_8)) {
            String h;
            while ((h = hyp.readLine()) != null) {
                String r = ref.readLine();
                if (bleu != null) {
                    bleu.add(h, r);
                }
                for (CorpusChrf.Accumulator c : chrfs) {
                    c.add(h, r);
                }
            }
            assertEquals(null, ref.readLine(), "reference longer than " + system);
        }
    }

    // test.sh, MTEVAL: BLEU of mteval-v13a.pl for the en-de systems; test.sh compares sacreBLEU's -w 2 output
    // and fails when it is more than 0.01 away.
    @ParameterizedTest
    @CsvSource({
        "C-3MA.4959, 22.67", "FBK.4870, 26.33", "KIT.4950, 26.08", "LIUM-NMT.4900, 26.6",
        "LMU-nmt-reranked.4934, 27.11", "LMU-nmt-single.4893, 26.56", "PROMT-Rule-based.4735, 16.61",
        "RWTH-nmt-ensemble.4921, 26.02", "SYSTRAN.4847, 26.71", "TALP-UPC.4834, 21.24", "online-A.0, 20.8",
        "online-B.0, 26.65", "online-F.0, 15.45", "online-G.0, 18.16", "uedin-nmt.4722, 28.3", "xmu.4910, 26.69",
    })
    void bleuMatchesMteval(String system, double expected) throws IOException {
        CorpusBleu.Accumulator bleu = CorpusBleu.sacreBleu().accumulator();
        feed(system, bleu);
        double score = Double.parseDouble(PythonText.fixed(bleu.result().score(), 2));
        assertTrue(Math.abs(score - expected) <= 0.01 + 1e-9, system + ": " + score + " vs " + expected);
        assertEquals(3004, bleu.segments());
    }

    // test.sh, CHRF and CHRFPP: chrF++.py scores (-nw 0, and the default -nw 2), compared with sacreBLEU's
    // --chrf-eps-smoothing -w 4 output at 1e-6.
    @ParameterizedTest
    @CsvSource({"C-3MA.4959, 51.9533, 49.1683", "FBK.4870, 54.7152, 52.2330"})
    void chrfMatchesChrfPlusPlusPy(String system, String chrf, String chrfpp) throws IOException {
        CorpusChrf.Accumulator c = CorpusChrf.sacreBleu().withEpsSmoothing(true).accumulator();
        CorpusChrf.Accumulator cpp = CorpusChrf.chrfPlusPlus().withEpsSmoothing(true).accumulator();
        feed(system, null, c, cpp);
        assertEquals(chrf, PythonText.fixed(c.result().score(), 4));
        assertEquals(chrfpp, PythonText.fixed(cpp.result().score(), 4));
    }

    // README.md: "sacrebleu ref.detok.txt -i output.detok.txt -m bleu -b -w 4" prints 20.7965, the text
    // output line gives the statistics, and "-m bleu chrf ter [--chrf-word-order 2]" gives chrF2 52.0 and
    // chrF2++ 49.0 (output.detok.txt is online-A: the multi-system table lists online-A at 20.8 / 52.0).
    @Test
    void readmeOnlineA() throws IOException {
        CorpusBleu.Accumulator bleu = CorpusBleu.sacreBleu().accumulator();
        CorpusChrf.Accumulator chrf = CorpusChrf.sacreBleu().accumulator();
        CorpusChrf.Accumulator chrfpp = CorpusChrf.chrfPlusPlus().accumulator();
        feed("online-A.0", bleu, chrf, chrfpp);
        BleuScore b = bleu.result();
        assertEquals("20.7965", PythonText.fixed(b.score(), 4));
        assertEquals("BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 = 20.8 54.4/26.6/14.9/8.7 "
                + "(BP = 1.000 ratio = 1.026 hyp_len = 62880 ref_len = 61287)", b.format(1));
        assertEquals("chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0 = 52.0", chrf.result().format(1));
        assertEquals("chrF2++|nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0 = 49.0", chrfpp.result().format(1));
    }

    // README.md, "Multi-system Evaluation" (BLEU, chrF2 of the online systems) and the paired bootstrap
    // table (the LIUM-NMT baseline's actual scores).
    @ParameterizedTest
    @CsvSource({"online-A.0, 20.8, 52.0", "online-B.0, 26.7, 56.3", "online-F.0, 15.5, 49.3", "online-G.0, 18.2, 51.6",
        "LIUM-NMT.4900, 26.6, 55.9"})
    void readmeMultiSystemTable(String system, String bleu, String chrf) throws IOException {
        CorpusBleu.Accumulator b = CorpusBleu.sacreBleu().accumulator();
        CorpusChrf.Accumulator c = CorpusChrf.sacreBleu().accumulator();
        feed(system, b, c);
        assertEquals(bleu, PythonText.fixed(b.result().score(), 1));
        assertEquals(chrf, PythonText.fixed(c.result().score(), 1));
    }
}
