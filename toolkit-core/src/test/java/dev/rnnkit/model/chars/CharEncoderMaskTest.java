package dev.rnnkit.model.chars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnkit.model.layers.DoublePrecision;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A word's encoding depends on its own characters only: not on the other words of the minibatch, not on how much
 * padding follows, not on masked tokens; masked and empty tokens encode to exactly zero; bad ids are explained.
 */
@ExtendWith(DoublePrecision.class)
class CharEncoderMaskTest {

    private static MultiLayerNetwork network(CharEncoderKind kind) {
        MultiLayerNetwork net = CharFixtures.network(kind);
        CharEncoderForwardTest.randomise(net, 21);
        return net;
    }

    @ParameterizedTest
    @EnumSource(CharEncoderKind.class)
    void eachWordEncodesAsItDoesAloneInABatchOfOne(CharEncoderKind kind) {
        MultiLayerNetwork net = network(kind);
        INDArray out = CharEncoderForwardTest.encode(net, CharFixtures.input(), CharFixtures.mask());
        int compared = 0;
        for (int b = 0; b < CharFixtures.BATCH; b++) {
            for (int t = 0; t < CharFixtures.SENTENCE_LENGTHS[b]; t++) {
                int[] chars = CharFixtures.WORDS[b][t];
                INDArray alone = CharEncoderForwardTest.encode(net, CharFixtures.input(new int[][][] {{chars}}, chars.length + 1), null);
                INDArray inBatch = out.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(t));
                assertTrue(alone.reshape(CharFixtures.N_OUT).equalsWithEps(inBatch, 1e-12), "example " + b + ", token " + t
                        + ": " + inBatch + " in the batch, " + alone + " alone");
                compared++;
            }
        }
        assertEquals(9, compared);
    }

    @ParameterizedTest
    @EnumSource(CharEncoderKind.class)
    void morePaddingAndOtherMaskedContentChangeNothing(CharEncoderKind kind) {
        MultiLayerNetwork net = network(kind);
        INDArray mask = CharFixtures.mask();
        INDArray out = CharEncoderForwardTest.encode(net, CharFixtures.input(), mask);

        INDArray morePadding = CharFixtures.input(CharFixtures.WORDS, CharFixtures.MAX_CHARS + 3);
        assertEquals(out, CharEncoderForwardTest.encode(net, morePadding, mask));

        // Different characters in the masked tokens (sentence 1 token 3, sentence 2 tokens 2 and 3).
        int[][][] words = copy(CharFixtures.WORDS);
        words[1][3] = new int[] {2, 2, 2, 2, 2};
        words[2][2] = new int[] {};
        words[2][3] = new int[] {7, 6, 5};
        assertEquals(out, CharEncoderForwardTest.encode(net, CharFixtures.input(words, CharFixtures.MAX_CHARS), mask));

        // A real word changed: only its own token's output changes.
        words[0][2] = new int[] {6, 6};
        INDArray changed = CharEncoderForwardTest.encode(net, CharFixtures.input(words, CharFixtures.MAX_CHARS), mask);
        INDArray difference = changed.sub(out);
        assertNotEquals(0.0, difference.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(2)).norm1Number().doubleValue());
        difference.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(2)).assign(0);
        assertEquals(0.0, difference.norm1Number().doubleValue());
    }

    @ParameterizedTest
    @EnumSource(CharEncoderKind.class)
    void maskedAndEmptyTokensAreExactlyZeroAndTheMaskPassesThrough(CharEncoderKind kind) {
        MultiLayerNetwork net = network(kind);
        INDArray mask = CharFixtures.mask();
        INDArray out = CharEncoderForwardTest.encode(net, CharFixtures.input(), mask);
        for (int b = 0; b < CharFixtures.BATCH; b++) {
            for (int t = 0; t < CharFixtures.STEPS; t++) {
                double norm = out.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(t)).norm1Number().doubleValue();
                boolean zero = t >= CharFixtures.SENTENCE_LENGTHS[b] || CharFixtures.WORDS[b][t].length == 0;
                if (zero) {
                    assertEquals(0.0, norm, "example " + b + ", token " + t);
                } else {
                    assertTrue(norm > 0, "example " + b + ", token " + t);
                }
            }
        }
        // Unmasked, the masked tokens' characters are encoded.
        INDArray unmasked = CharEncoderForwardTest.encode(net, CharFixtures.input(), null);
        assertTrue(unmasked.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.point(3)).norm1Number().doubleValue() > 0);

        // All tokens masked: zeros, and zero gradients (also after a minibatch that had some).
        INDArray none = Nd4j.zeros(DataType.DOUBLE, CharFixtures.BATCH, CharFixtures.STEPS);
        assertEquals(0.0, CharEncoderForwardTest.encode(net, CharFixtures.input(), none).norm1Number().doubleValue());
        org.deeplearning4j.nn.gradient.Gradient before =
                net.calculateGradients(CharFixtures.input(), CharFixtures.labels(), mask, mask).getFirst();
        assertTrue(before.getGradientFor("0_" + CharEncoderParams.EMBEDDING_KEY).norm1Number().doubleValue() > 0);
        org.deeplearning4j.nn.gradient.Gradient gradient =
                net.calculateGradients(CharFixtures.input(), CharFixtures.labels(), none, none).getFirst();
        for (String key : net.getLayer(0).paramTable().keySet()) {
            assertEquals(0.0, gradient.getGradientFor("0_" + key).norm1Number().doubleValue(), key);
        }

        // The token mask passes through unchanged to the layers above.
        org.nd4j.common.primitives.Pair<INDArray, org.deeplearning4j.nn.api.MaskState> passed =
                net.getLayer(0).feedForwardMaskArray(mask, org.deeplearning4j.nn.api.MaskState.Active, CharFixtures.BATCH);
        assertEquals(mask, passed.getFirst());
        assertEquals(org.deeplearning4j.nn.api.MaskState.Active, passed.getSecond());
    }

    @ParameterizedTest
    @EnumSource(CharEncoderKind.class)
    void outputsAndGradientsOfAPaddedCopyOfASentenceMatch(CharEncoderKind kind) {
        MultiLayerNetwork net = network(kind);
        // Sentence 1 on its own, 3 tokens, no mask; and padded to 4 with the fixture mask.
        int[][][] alone = {{CharFixtures.WORDS[1][0], CharFixtures.WORDS[1][1], CharFixtures.WORDS[1][2]}};
        INDArray aloneIn = CharFixtures.input(alone, CharFixtures.MAX_CHARS);
        INDArray labels = CharFixtures.labels().get(NDArrayIndex.interval(1, 2), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)).dup();
        INDArray paddedIn = CharFixtures.input().get(NDArrayIndex.interval(1, 2), NDArrayIndex.all(), NDArrayIndex.all()).dup();
        INDArray paddedLabels = CharFixtures.labels().get(NDArrayIndex.interval(1, 2), NDArrayIndex.all(), NDArrayIndex.all()).dup();
        INDArray mask = CharFixtures.mask().get(NDArrayIndex.interval(1, 2), NDArrayIndex.all()).dup();
        INDArray g1 = net.calculateGradients(aloneIn, labels, null, null).getFirst().gradient().dup();
        INDArray g2 = net.calculateGradients(paddedIn, paddedLabels, mask, mask).getFirst().gradient().dup();
        assertTrue(g1.equalsWithEps(g2, 1e-12), "gradients differ:\n" + g1 + "\n" + g2);
        assertTrue(g1.norm1Number().doubleValue() > 0);
    }

    @ParameterizedTest
    @EnumSource(CharEncoderKind.class)
    void badIdsAreExplained(CharEncoderKind kind) {
        MultiLayerNetwork net = network(kind);
        INDArray outside = CharFixtures.input();
        outside.putScalar(new long[] {0, 1, 2}, CharFixtures.VOCAB);
        Exception e = assertThrows(DL4JInvalidInputException.class, () -> CharEncoderForwardTest.encode(net, outside, null));
        assertTrue(e.getMessage().contains("character id 9.0 of example 0, token 2, position 1 is not in the vocabulary [0, 8]"),
                e.getMessage());

        INDArray gap = CharFixtures.input();
        gap.putScalar(new long[] {0, 4, 2}, 3);
        e = assertThrows(DL4JInvalidInputException.class, () -> CharEncoderForwardTest.encode(net, gap, null));
        assertTrue(e.getMessage().contains("example 0, token 2 has character id 3 at position 4 after padding"), e.getMessage());
        // The same gap in a masked token is not read.
        INDArray maskedGap = CharFixtures.input();
        maskedGap.putScalar(new long[] {2, 4, 3}, 3);
        CharEncoderForwardTest.encode(net, maskedGap, CharFixtures.mask());

        INDArray fraction = CharFixtures.input();
        fraction.putScalar(new long[] {1, 0, 0}, 2.5);
        assertThrows(DL4JInvalidInputException.class, () -> CharEncoderForwardTest.encode(net, fraction, null));
    }

    private static int[][][] copy(int[][][] words) {
        int[][][] out = new int[words.length][][];
        for (int b = 0; b < words.length; b++) {
            out[b] = new int[words[b].length][];
            for (int t = 0; t < words[b].length; t++) {
                out[b][t] = words[b][t].clone();
            }
        }
        return out;
    }
}
