package dev.rnnkit.data.text;

import dev.rnnkit.config.PretrainedEmbeddingsConfig;
import dev.rnnkit.data.DataFormatException;
import dev.rnnkit.data.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.models.embeddings.loader.WordVectorSerializer;
import org.deeplearning4j.models.embeddings.wordvectors.WordVectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds an embedding weight matrix [vocab, dim] from word2vec/GloVe vectors, row i for token id i.
 *
 * <p>Padding gets zeros; tokens without a vector (exact, then lower-case lookup) get small seeded random
 * values so that they are still distinguishable and trainable.
 *
 * @param weights the [vocabulary size, dim] matrix, ready to be set as the embedding layer's W
 * @param found   vocabulary tokens that had a pretrained vector
 */
public record PretrainedEmbeddings(INDArray weights, int found) {

    /** Reads the vectors file and aligns it with {@code vocabulary}. */
    public static PretrainedEmbeddings load(PretrainedEmbeddingsConfig config, Path dataDir, Vocabulary vocabulary, long seed) {
        Path file = dataDir.resolve(config.path());
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(config.path(), 0, "no such file (looked for " + file.toAbsolutePath() + ")");
        }
        WordVectors vectors;
        try {
            vectors = config.format() == PretrainedEmbeddingsConfig.Format.BINARY
                    ? WordVectorSerializer.readWord2VecModel(file.toFile(), false)
                    : WordVectorSerializer.loadTxtVectors(file.toFile());
        } catch (Exception e) {
            // The reader's own message may quote raw bytes of a file that is not word vectors: keep it short and printable.
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("").replaceAll("[^\\x20-\\x7E]", "?");
            throw new DataFormatException(config.path(), 0, "cannot read word vectors as " + config.format().yamlName()
                    + (config.format() == PretrainedEmbeddingsConfig.Format.BINARY ? " (word2vec .bin)"
                            : " (a word and its numbers per line, as GloVe; data.pretrained_embeddings.format: binary reads word2vec .bin)")
                    + ": " + (why.length() > 80 ? why.substring(0, 80) + "..." : why));
        }
        return align(vectors, vocabulary, seed);
    }

    /** Aligns loaded vectors with a vocabulary. */
    public static PretrainedEmbeddings align(WordVectors vectors, Vocabulary vocabulary, long seed) {
        int dim = vectors.getWordVector(vectors.vocab().wordAtIndex(0)).length;
        float[] w = new float[vocabulary.size() * dim];
        Random random = new Random(seed);
        int found = 0;
        for (int id = Vocabulary.UNKNOWN_ID; id < vocabulary.size(); id++) {
            String token = vocabulary.entry(id);
            double[] v = vectors.hasWord(token) ? vectors.getWordVector(token)
                    : vectors.hasWord(token.toLowerCase(Locale.ROOT)) ? vectors.getWordVector(token.toLowerCase(Locale.ROOT)) : null;
            for (int j = 0; j < dim; j++) {
                w[id * dim + j] = v != null ? (float) v[j] : (float) (random.nextGaussian() * 0.1);
            }
            found += v != null && id != Vocabulary.UNKNOWN_ID ? 1 : 0;
        }
        return new PretrainedEmbeddings(Nd4j.create(w, new long[]{vocabulary.size(), dim}, 'c'), found);
    }
}
