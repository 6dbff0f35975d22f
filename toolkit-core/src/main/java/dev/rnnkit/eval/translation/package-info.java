/**
 * Corpus-level machine translation metrics computed exactly as sacreBLEU computes them: BLEU with the
 * {@code 13a} tokeniser and chrF / chrF++.
 *
 * <p>The behaviour matched is that of sacreBLEU {@value dev.rnnkit.eval.translation.CorpusBleu#SACREBLEU_VERSION}
 * (github.com/mjpost/sacrebleu, tag {@code v2.6.0}; the metric, helper and tokeniser sources are unchanged up
 * to commit {@code f615c72}). {@link dev.rnnkit.eval.translation.Tokenizer13a} is the mteval-v13a
 * normalisation of {@code tokenizers/tokenizer_13a.py}; {@link dev.rnnkit.eval.translation.CorpusBleu}
 * is {@code metrics/bleu.py}'s {@code BLEU} and {@link dev.rnnkit.eval.translation.CorpusChrf} is
 * {@code metrics/chrf.py}'s {@code CHRF}. Both take detokenised text, one or more reference streams, and
 * aggregate sufficient statistics over the corpus before computing the score, as sacreBLEU does; each also
 * has an accumulator that adds one segment at a time, so that files of any size are scored in bounded
 * memory. Python's notions of whitespace ({@code str.split()}), of characters (code points) and of
 * number formatting are reproduced so that results agree on any Unicode input.
 *
 * <p>The expected values in the tests come from sacreBLEU's own test suite ({@code test/test_bleu.py},
 * {@code test/test_sentence_bleu.py}, {@code test/test_chrf.py}, {@code test.sh}).
 */
package dev.rnnkit.eval.translation;
