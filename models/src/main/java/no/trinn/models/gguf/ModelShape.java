package no.trinn.models.gguf;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import no.trinn.core.Require;

/**
 * The dimensions of a decoder-only transformer that {@link GgufWriter} can write as a random-weight GGUF. Validated on
 * construction: every field must describe a model llama.cpp can load (positive sizes, heads dividing the embedding
 * width, grouped-query heads dividing the heads, matrix rows a multiple of the 32-value quantisation block, a
 * vocabulary at least as large as the readable base vocabulary). The presets carry the real dimensions and vocabulary
 * sizes of public models; their weights and (beyond the base vocabulary) tokens are random, which is enough to measure
 * speed, since speed does not depend on the values.
 *
 * @param name              a short id, e.g. {@code qwen2.5-0.5b}; becomes {@code general.name}
 * @param architecture      the llama.cpp architecture written to {@code general.architecture}
 * @param vocabSize         tokens in the vocabulary
 * @param embeddingLength   width of the residual stream
 * @param blockCount        transformer layers
 * @param feedForwardLength width of the feed-forward layer
 * @param headCount         attention (query) heads
 * @param headCountKv       key/value heads (grouped-query attention)
 * @param contextLength     context length the model was trained for
 * @param ropeFreqBase      rotary-embedding frequency base
 * @param rmsEpsilon        epsilon of the RMS norms
 */
public record ModelShape(String name, Architecture architecture, int vocabSize, int embeddingLength, int blockCount,
                         int feedForwardLength, int headCount, int headCountKv, int contextLength, float ropeFreqBase,
                         float rmsEpsilon) {

    /** The llama.cpp architectures the writer supports. */
    public enum Architecture {
        /** {@code llama}: no attention biases. */
        LLAMA("llama", false),
        /** {@code qwen2}: biases on the query, key and value projections. */
        QWEN2("qwen2", true);

        private final String ggufName;
        private final boolean qkvBias;

        Architecture(String ggufName, boolean qkvBias) {
            this.ggufName = ggufName;
            this.qkvBias = qkvBias;
        }

        /** The value of {@code general.architecture} and the prefix of the architecture's keys. */
        public String ggufName() {
            return ggufName;
        }

        /** Whether the query, key and value projections carry biases. */
        public boolean qkvBias() {
            return qkvBias;
        }
    }

    public ModelShape {
        Require.nonBlank(name, "name");
        Require.nonNull(architecture, "architecture");
        Require.inRange(vocabSize, GgufVocabulary.BASE_SIZE, 1_000_000, "vocabSize");
        Require.inRange(embeddingLength, 32, 65_536, "embeddingLength");
        Require.inRange(blockCount, 1, 512, "blockCount");
        Require.inRange(feedForwardLength, 32, 262_144, "feedForwardLength");
        Require.inRange(headCount, 1, 1024, "headCount");
        Require.inRange(headCountKv, 1, headCount, "headCountKv");
        Require.inRange(contextLength, 16, 1 << 24, "contextLength");
        Require.inRange(ropeFreqBase, 1.0, 1e9, "ropeFreqBase");
        Require.inRange(rmsEpsilon, 1e-12, 1e-2, "rmsEpsilon");
        if (embeddingLength % 32 != 0) {
            throw new IllegalArgumentException("embeddingLength must be a multiple of 32, was " + embeddingLength);
        }
        if (feedForwardLength % 32 != 0) {
            throw new IllegalArgumentException("feedForwardLength must be a multiple of 32, was " + feedForwardLength);
        }
        if (embeddingLength % headCount != 0) {
            throw new IllegalArgumentException("headCount " + headCount + " must divide embeddingLength "
                    + embeddingLength);
        }
        if (headCount % headCountKv != 0) {
            throw new IllegalArgumentException("headCountKv " + headCountKv + " must divide headCount " + headCount);
        }
        if (embeddingLength / headCount % 2 != 0) {
            throw new IllegalArgumentException("head dimension must be even for rotary embeddings, was "
                    + embeddingLength / headCount);
        }
    }

    /** Width of one attention head. */
    public int headDimension() {
        return embeddingLength / headCount;
    }

    /** Width of the key and value projections. */
    public int keyValueLength() {
        return headDimension() * headCountKv;
    }

    /** Number of weights (embedding matrix counted once: it is tied to the output projection). */
    public long parameterCount() {
        long d = embeddingLength;
        long perLayer = d * d + 2 * d * keyValueLength() + d * d + 3 * d * feedForwardLength + 2 * d;
        if (architecture.qkvBias()) {
            perLayer += d + 2L * keyValueLength();
        }
        return (long) vocabSize * d + blockCount * perLayer + d;
    }

    /** The same shape under another architecture (the name gains the architecture as a suffix). */
    public ModelShape withArchitecture(Architecture other) {
        return new ModelShape(name + "-" + other.ggufName(), other, vocabSize, embeddingLength, blockCount,
                feedForwardLength, headCount, headCountKv, contextLength, ropeFreqBase, rmsEpsilon);
    }

    /**
     * A tiny llama model for tests: the readable base vocabulary only (letters, digits, punctuation including the JSON
     * characters, a few words, byte tokens and the ChatML markers), 2 layers, width 64. About 100 KB at Q8_0.
     */
    public static ModelShape tiny() {
        return new ModelShape("tiny", Architecture.LLAMA, GgufVocabulary.BASE_SIZE, 64, 2, 128, 4, 2, 2048,
                10_000f, 1e-5f);
    }

    /** SmolLM2-135M's dimensions: llama architecture, 30 layers, width 576, 49,152 tokens. */
    public static ModelShape smollm2_135m() {
        return new ModelShape("smollm2-135m", Architecture.LLAMA, 49_152, 576, 30, 1536, 9, 3, 8192,
                100_000f, 1e-5f);
    }

    /** Qwen2.5-0.5B's dimensions: qwen2 architecture, 24 layers, width 896, 151,936 tokens. */
    public static ModelShape qwen25_0_5b() {
        return new ModelShape("qwen2.5-0.5b", Architecture.QWEN2, 151_936, 896, 24, 4864, 14, 2, 32_768,
                1_000_000f, 1e-6f);
    }

    /** Qwen2.5-1.5B's dimensions: qwen2 architecture, 28 layers, width 1536, 151,936 tokens. */
    public static ModelShape qwen25_1_5b() {
        return new ModelShape("qwen2.5-1.5b", Architecture.QWEN2, 151_936, 1536, 28, 8960, 12, 2, 32_768,
                1_000_000f, 1e-6f);
    }

    /** Every preset, smallest first. */
    public static List<ModelShape> presets() {
        return List.of(tiny(), smollm2_135m(), qwen25_0_5b(), qwen25_1_5b());
    }

    /** The preset named {@code name} (case-insensitive), if there is one. */
    public static Optional<ModelShape> preset(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return presets().stream().filter(s -> s.name().equals(n)).findFirst();
    }
}
