package no.trinn.models.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import no.trinn.models.ModelsException;

/**
 * Writes random-weight GGUF (version 3) files of a {@link ModelShape}: header, metadata (architecture and sizes,
 * rope, RMS epsilon, file type, a SentencePiece-style vocabulary with scores and token types, BOS/EOS ids and a ChatML
 * {@link #CHAT_TEMPLATE}), tensor infos and the tensor data aligned to {@link #ALIGNMENT} bytes. Norm weights are ones,
 * biases and matrices are random with a scale of about 1/sqrt(row length), so activations stay finite. The same
 * shape, weight type and seed give the same bytes. The file appears atomically: it is written beside the target and
 * moved over it. Such a file loads and runs in llama.cpp at the speed of a real model of that shape; what it says is
 * noise.
 */
public final class GgufWriter {
    /** Data alignment written to {@code general.alignment}. */
    public static final int ALIGNMENT = 32;

    /** The ChatML template written to {@code tokenizer.chat_template}; its turn markers are the two ChatML tokens. */
    public static final String CHAT_TEMPLATE = "{% for message in messages %}"
            + "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
            + "{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
    private static final int VERSION = 3;
    private static final int T_UINT32 = 4;
    private static final int T_INT32 = 5;
    private static final int T_FLOAT32 = 6;
    private static final int T_BOOL = 7;
    private static final int T_STRING = 8;
    private static final int T_ARRAY = 9;

    private GgufWriter() {
    }

    private enum Init { ONES, SMALL, MATRIX }

    private record Tensor(String name, long[] dims, TensorType type, Init init) {
        long values() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }

        long bytes() {
            return type.bytesFor(values());
        }
    }

    private record Kv(String key, Object value) {
    }

    /**
     * Writes a model of {@code shape} with {@code weights} to {@code target} (parent folders are created; an existing
     * file is replaced) and returns {@code target}.
     *
     * @throws ModelsException naming {@code target} if it cannot be written
     */
    public static Path write(Path target, ModelShape shape, WeightType weights, long seed) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeTo(ch, shape, weights, seed);
                ch.force(false);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            return target;
        } catch (IOException e) {
            throw new ModelsException("cannot write the generated model " + absolute + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // the write already failed; that failure is what the caller sees
                }
            }
        }
    }

    private static void writeTo(FileChannel ch, ModelShape shape, WeightType weights, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        GgufVocabulary vocab = GgufVocabulary.of(shape.vocabSize(), random.split());
        List<Kv> kvs = metadata(shape, weights, vocab);
        List<Tensor> tensors = tensors(shape, weights);
        try (Out out = new Out(ch)) {
            out.u32(MAGIC);
            out.u32(VERSION);
            out.u64(tensors.size());
            out.u64(kvs.size());
            for (Kv kv : kvs) {
                out.str(kv.key());
                value(out, kv.value());
            }
            long offset = 0;
            for (Tensor t : tensors) {
                out.str(t.name());
                out.u32(t.dims().length);
                for (long d : t.dims()) {
                    out.u64(d);
                }
                out.u32(t.type().ggmlId());
                out.u64(offset);
                offset = align(offset + t.bytes());
            }
            out.pad();
            long dataStart = out.position();
            for (Tensor t : tensors) {
                data(out, t, random);
                out.pad();
            }
            if (out.position() - dataStart != offset) {
                throw new IllegalStateException("tensor data size mismatch: wrote " + (out.position() - dataStart)
                        + " bytes, planned " + offset);
            }
        }
    }

    private static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static List<Kv> metadata(ModelShape s, WeightType w, GgufVocabulary vocab) {
        String a = s.architecture().ggufName();
        List<Kv> kvs = new ArrayList<>();
        kvs.add(new Kv("general.architecture", a));
        kvs.add(new Kv("general.name", s.name() + "-random"));
        kvs.add(new Kv("general.file_type", w.fileTypeId()));
        kvs.add(new Kv("general.quantization_version", 2));
        kvs.add(new Kv("general.alignment", ALIGNMENT));
        kvs.add(new Kv(a + ".vocab_size", s.vocabSize()));
        kvs.add(new Kv(a + ".context_length", s.contextLength()));
        kvs.add(new Kv(a + ".embedding_length", s.embeddingLength()));
        kvs.add(new Kv(a + ".block_count", s.blockCount()));
        kvs.add(new Kv(a + ".feed_forward_length", s.feedForwardLength()));
        kvs.add(new Kv(a + ".attention.head_count", s.headCount()));
        kvs.add(new Kv(a + ".attention.head_count_kv", s.headCountKv()));
        kvs.add(new Kv(a + ".rope.dimension_count", s.headDimension()));
        kvs.add(new Kv(a + ".rope.freq_base", s.ropeFreqBase()));
        kvs.add(new Kv(a + ".attention.layer_norm_rms_epsilon", s.rmsEpsilon()));
        kvs.add(new Kv("tokenizer.ggml.model", "llama"));
        kvs.add(new Kv("tokenizer.ggml.tokens", vocab.tokens()));
        kvs.add(new Kv("tokenizer.ggml.scores", vocab.scores()));
        kvs.add(new Kv("tokenizer.ggml.token_type", vocab.types()));
        kvs.add(new Kv("tokenizer.ggml.bos_token_id", GgufVocabulary.BOS));
        kvs.add(new Kv("tokenizer.ggml.eos_token_id", GgufVocabulary.IM_END));
        kvs.add(new Kv("tokenizer.ggml.unknown_token_id", GgufVocabulary.UNKNOWN));
        kvs.add(new Kv("tokenizer.ggml.padding_token_id", GgufVocabulary.EOS_TEXT));
        kvs.add(new Kv("tokenizer.ggml.add_bos_token", Boolean.FALSE));
        kvs.add(new Kv("tokenizer.ggml.add_eos_token", Boolean.FALSE));
        kvs.add(new Kv("tokenizer.ggml.add_space_prefix", Boolean.FALSE));
        kvs.add(new Kv("tokenizer.chat_template", CHAT_TEMPLATE));
        return kvs;
    }

    private static List<Tensor> tensors(ModelShape s, WeightType w) {
        long d = s.embeddingLength();
        long kv = s.keyValueLength();
        long ff = s.feedForwardLength();
        TensorType m = w.matrixType();
        List<Tensor> t = new ArrayList<>();
        t.add(new Tensor("token_embd.weight", new long[] {d, s.vocabSize()}, w.embeddingType(), Init.MATRIX));
        t.add(new Tensor("output_norm.weight", new long[] {d}, TensorType.F32, Init.ONES));
        for (int i = 0; i < s.blockCount(); i++) {
            String b = "blk." + i + ".";
            t.add(new Tensor(b + "attn_norm.weight", new long[] {d}, TensorType.F32, Init.ONES));
            t.add(new Tensor(b + "attn_q.weight", new long[] {d, d}, m, Init.MATRIX));
            t.add(new Tensor(b + "attn_k.weight", new long[] {d, kv}, m, Init.MATRIX));
            t.add(new Tensor(b + "attn_v.weight", new long[] {d, kv}, m, Init.MATRIX));
            if (s.architecture().qkvBias()) {
                t.add(new Tensor(b + "attn_q.bias", new long[] {d}, TensorType.F32, Init.SMALL));
                t.add(new Tensor(b + "attn_k.bias", new long[] {kv}, TensorType.F32, Init.SMALL));
                t.add(new Tensor(b + "attn_v.bias", new long[] {kv}, TensorType.F32, Init.SMALL));
            }
            t.add(new Tensor(b + "attn_output.weight", new long[] {d, d}, m, Init.MATRIX));
            t.add(new Tensor(b + "ffn_norm.weight", new long[] {d}, TensorType.F32, Init.ONES));
            t.add(new Tensor(b + "ffn_gate.weight", new long[] {d, ff}, m, Init.MATRIX));
            t.add(new Tensor(b + "ffn_up.weight", new long[] {d, ff}, m, Init.MATRIX));
            t.add(new Tensor(b + "ffn_down.weight", new long[] {ff, d}, m, Init.MATRIX));
        }
        return t;
    }

    private static void value(Out out, Object v) throws IOException {
        switch (v) {
            case String s -> {
                out.u32(T_STRING);
                out.str(s);
            }
            case Integer i -> {
                out.u32(T_UINT32);
                out.u32(i);
            }
            case Float f -> {
                out.u32(T_FLOAT32);
                out.f32(f);
            }
            case Boolean b -> {
                out.u32(T_BOOL);
                out.u8(b ? 1 : 0);
            }
            case float[] fs -> {
                out.u32(T_ARRAY);
                out.u32(T_FLOAT32);
                out.u64(fs.length);
                for (float f : fs) {
                    out.f32(f);
                }
            }
            case int[] is -> {
                out.u32(T_ARRAY);
                out.u32(T_INT32);
                out.u64(is.length);
                for (int i : is) {
                    out.u32(i);
                }
            }
            case List<?> list -> {
                out.u32(T_ARRAY);
                out.u32(T_STRING);
                out.u64(list.size());
                for (Object o : list) {
                    out.str((String) o);
                }
            }
            default -> throw new IllegalArgumentException("no GGUF type for " + v.getClass());
        }
    }

    private static void data(Out out, Tensor t, SplittableRandom random) throws IOException {
        long values = t.values();
        double std = 1.0 / Math.sqrt(t.dims()[0]);
        switch (t.type()) {
            case F32 -> {
                for (long i = 0; i < values; i++) {
                    out.f32(t.init() == Init.ONES ? 1f : (float) ((random.nextDouble() * 2 - 1) * 0.02));
                }
            }
            case F16 -> {
                double half = std * Math.sqrt(3);
                for (long i = 0; i < values; i++) {
                    out.u16(Float.floatToFloat16((float) ((random.nextDouble() * 2 - 1) * half)));
                }
            }
            // std of uniform int8 values is ~73.9, of uniform nibbles minus 8 ~4.61
            case Q8_0 -> blocks(out, t, random, std / 73.9);
            case Q4_0 -> blocks(out, t, random, std / 4.61);
        }
    }

    private static void blocks(Out out, Tensor t, SplittableRandom random, double scale) throws IOException {
        TensorType type = t.type();
        long blocks = t.values() / type.blockSize();
        int per = type.bytesPerBlock();
        int chunkBlocks = 16_384;
        byte[] chunk = new byte[chunkBlocks * per];
        long done = 0;
        while (done < blocks) {
            int n = (int) Math.min(chunkBlocks, blocks - done);
            random.nextBytes(chunk);
            for (int b = 0; b < n; b++) {
                int at = b * per;
                // the scale varies a little from block to block, driven by the random byte it overwrites
                short d = Float.floatToFloat16((float) (scale * (0.75 + (chunk[at] & 0xff) / 512.0)));
                chunk[at] = (byte) d;
                chunk[at + 1] = (byte) (d >> 8);
            }
            out.bytes(chunk, n * per);
            done += n;
        }
    }

    /** A little-endian buffered writer over a file channel. */
    private static final class Out implements AutoCloseable {
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        private long flushed;

        Out(FileChannel ch) {
            this.ch = ch;
        }

        long position() {
            return flushed + buf.position();
        }

        private void room(int n) throws IOException {
            if (buf.remaining() < n) {
                flush();
            }
        }

        private void flush() throws IOException {
            buf.flip();
            while (buf.hasRemaining()) {
                flushed += ch.write(buf);
            }
            buf.clear();
        }

        void u8(int v) throws IOException {
            room(1);
            buf.put((byte) v);
        }

        void u16(short v) throws IOException {
            room(2);
            buf.putShort(v);
        }

        void u32(int v) throws IOException {
            room(4);
            buf.putInt(v);
        }

        void u64(long v) throws IOException {
            room(8);
            buf.putLong(v);
        }

        void f32(float v) throws IOException {
            room(4);
            buf.putFloat(v);
        }

        void str(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes(b, b.length);
        }

        void bytes(byte[] b, int len) throws IOException {
            int off = 0;
            while (off < len) {
                if (!buf.hasRemaining()) {
                    flush();
                }
                int n = Math.min(len - off, buf.remaining());
                buf.put(b, off, n);
                off += n;
            }
        }

        void pad() throws IOException {
            long p = position();
            long padded = align(p);
            for (long i = p; i < padded; i++) {
                u8(0);
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
