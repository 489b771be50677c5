package no.trinn.models.gguf;

/**
 * The ggml tensor types {@link GgufWriter} can write, with their ggml ids and block layout. A block holds
 * {@link #blockSize()} values in {@link #bytesPerBlock()} bytes; a tensor's first dimension must be a multiple of the
 * block size.
 */
public enum TensorType {
    /** 32-bit floats (norm weights and biases). */
    F32(0, 1, 4),
    /** IEEE half-precision floats. */
    F16(1, 1, 2),
    /** Blocks of 32 four-bit values with one half-precision scale: 18 bytes per block. */
    Q4_0(2, 32, 18),
    /** Blocks of 32 eight-bit values with one half-precision scale: 34 bytes per block. */
    Q8_0(8, 32, 34);

    private final int ggmlId;
    private final int blockSize;
    private final int bytesPerBlock;

    TensorType(int ggmlId, int blockSize, int bytesPerBlock) {
        this.ggmlId = ggmlId;
        this.blockSize = blockSize;
        this.bytesPerBlock = bytesPerBlock;
    }

    /** The id ggml gives this type in a GGUF tensor info. */
    public int ggmlId() {
        return ggmlId;
    }

    /** Values per block. */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes per block. */
    public int bytesPerBlock() {
        return bytesPerBlock;
    }

    /** Bytes taken by {@code values} values; {@code values} must be a multiple of {@link #blockSize()}. */
    public long bytesFor(long values) {
        if (values % blockSize != 0) {
            throw new IllegalArgumentException(name() + " needs a multiple of " + blockSize + " values, got " + values);
        }
        return values / blockSize * bytesPerBlock;
    }
}
