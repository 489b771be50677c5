package no.trinn.models.gguf;

/**
 * How the weight matrices of a generated model are stored, named as llama.cpp names its file types. Norms and biases
 * are always {@link TensorType#F32}. The token-embedding matrix (tied to the output projection in every preset) is
 * kept at {@link TensorType#Q8_0} for the quantised types, as llama.cpp's quantiser keeps the output tensor at higher
 * precision than the rest (it uses Q6_K, which this writer does not produce; Q8_0 reads about 30% more bytes per
 * token for that one tensor, so speeds measured on these files are slightly pessimistic).
 */
public enum WeightType {
    /** Everything half precision ({@code LLAMA_FTYPE_MOSTLY_F16}). */
    F16(1, TensorType.F16, TensorType.F16),
    /** Eight-bit blocks ({@code LLAMA_FTYPE_MOSTLY_Q8_0}). */
    Q8_0(7, TensorType.Q8_0, TensorType.Q8_0),
    /** Four-bit blocks, embeddings in eight-bit blocks ({@code LLAMA_FTYPE_MOSTLY_Q4_0}). */
    Q4_0(2, TensorType.Q4_0, TensorType.Q8_0);

    private final int fileTypeId;
    private final TensorType matrixType;
    private final TensorType embeddingType;

    WeightType(int fileTypeId, TensorType matrixType, TensorType embeddingType) {
        this.fileTypeId = fileTypeId;
        this.matrixType = matrixType;
        this.embeddingType = embeddingType;
    }

    /** The value of the {@code general.file_type} key. */
    public int fileTypeId() {
        return fileTypeId;
    }

    /** The type of attention and feed-forward matrices. */
    public TensorType matrixType() {
        return matrixType;
    }

    /** The type of the token-embedding (and tied output) matrix. */
    public TensorType embeddingType() {
        return embeddingType;
    }
}
