package no.trinn.models.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import no.trinn.models.ModelsException;

/**
 * Checks the structure of a GGUF file in Java before llama.cpp sees it, so that a missing, foreign, corrupt or
 * truncated file becomes a {@link ModelsException} naming the file and the problem instead of a failure inside native
 * code: magic and version, every metadata key/value and tensor info read with bounds checked against the file size,
 * tensor offsets aligned, and every tensor's data inside the file. Tensor values are not read, so flipped bits in the
 * weights pass; llama.cpp runs such a file and produces noise.
 */
public final class GgufReader {
    private static final int MAGIC = 0x46554747;
    private static final long MAX_STRING = 1L << 28;
    private static final int MAX_DIMS = 4;

    /** Block size and bytes per block of the ggml types, by id; types missing here are not size-checked. */
    private static final Map<Integer, long[]> TYPE_SIZES = Map.ofEntries(
            Map.entry(0, new long[] {1, 4}), Map.entry(1, new long[] {1, 2}), Map.entry(2, new long[] {32, 18}),
            Map.entry(3, new long[] {32, 20}), Map.entry(6, new long[] {32, 22}), Map.entry(7, new long[] {32, 24}),
            Map.entry(8, new long[] {32, 34}), Map.entry(9, new long[] {32, 36}), Map.entry(10, new long[] {256, 84}),
            Map.entry(11, new long[] {256, 110}), Map.entry(12, new long[] {256, 144}),
            Map.entry(13, new long[] {256, 176}), Map.entry(14, new long[] {256, 210}),
            Map.entry(15, new long[] {256, 292}), Map.entry(20, new long[] {32, 18}),
            Map.entry(23, new long[] {256, 136}), Map.entry(24, new long[] {1, 1}), Map.entry(25, new long[] {1, 2}),
            Map.entry(26, new long[] {1, 4}), Map.entry(27, new long[] {1, 8}), Map.entry(28, new long[] {1, 8}),
            Map.entry(30, new long[] {1, 2}));

    private GgufReader() {
    }

    /**
     * Reads and checks the header of {@code path}.
     *
     * @throws ModelsException naming {@code path} if it is missing, unreadable, not GGUF, corrupt or truncated
     */
    public static GgufInfo read(Path path) {
        Path file = path.toAbsolutePath();
        if (!Files.exists(file)) {
            throw new ModelsException("model file " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelsException("model file " + file + " is not a regular file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return parse(file, new In(ch, ch.size()));
        } catch (NoSuchFileException e) {
            throw new ModelsException("model file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new ModelsException("cannot read model file " + file + ": " + e.getMessage(), e);
        } catch (Corrupt e) {
            throw new ModelsException("model file " + file + " is not a usable GGUF model: " + e.getMessage());
        }
    }

    private static GgufInfo parse(Path file, In in) throws IOException {
        long size = in.size;
        if (size < 24) {
            throw new Corrupt("only " + size + " bytes, too short for a GGUF header");
        }
        if (in.u32() != MAGIC) {
            throw new Corrupt("bad magic (the file does not start with \"GGUF\")");
        }
        int version = in.u32();
        if (version != 2 && version != 3) {
            throw new Corrupt("unsupported GGUF version " + Integer.toUnsignedString(version));
        }
        long tensorCount = in.u64();
        long kvCount = in.u64();
        if (tensorCount < 0 || tensorCount > size / 8 || kvCount < 0 || kvCount > size / 8) {
            throw new Corrupt("implausible counts: " + tensorCount + " tensors, " + kvCount + " metadata pairs");
        }
        String architecture = null;
        String name = null;
        String template = null;
        Long contextLength = null;
        long alignment = GgufWriter.ALIGNMENT;
        Map<String, Long> numbers = new HashMap<>();
        for (long i = 0; i < kvCount; i++) {
            String key = in.str("metadata key " + i);
            int type = in.u32();
            Object v = in.value(type, key, 0);
            switch (key) {
                case "general.architecture" -> architecture = v instanceof String s ? s : null;
                case "general.name" -> name = v instanceof String s ? s : null;
                case "tokenizer.chat_template" -> template = v instanceof String s ? s : null;
                case "general.alignment" -> {
                    if (!(v instanceof Long a) || a <= 0 || Long.bitCount(a) != 1) {
                        throw new Corrupt("general.alignment must be a power of two, was " + v);
                    }
                    alignment = a;
                }
                default -> {
                    if (v instanceof Long n && key.endsWith(".context_length")) {
                        numbers.put(key, n);
                    }
                }
            }
        }
        if (architecture == null || architecture.isBlank()) {
            throw new Corrupt("general.architecture is missing");
        }
        contextLength = numbers.get(architecture + ".context_length");
        long lastOffset = 0;
        long dataEndRelative = 0;
        for (long t = 0; t < tensorCount; t++) {
            String tname = in.str("tensor name " + t);
            int dims = in.u32();
            if (dims < 1 || dims > MAX_DIMS) {
                throw new Corrupt("tensor " + tname + " has " + Integer.toUnsignedString(dims) + " dimensions");
            }
            long values = 1;
            for (int d = 0; d < dims; d++) {
                long n = in.u64();
                if (n <= 0 || n > size * 8 || values > Long.MAX_VALUE / n) {
                    throw new Corrupt("tensor " + tname + " has an implausible dimension " + Long.toUnsignedString(n));
                }
                values *= n;
            }
            int type = in.u32();
            long offset = in.u64();
            if (offset < 0 || offset % alignment != 0) {
                throw new Corrupt("tensor " + tname + " has a misaligned offset " + Long.toUnsignedString(offset));
            }
            long[] ts = TYPE_SIZES.get(type);
            long bytes = ts == null ? 0 : (values % ts[0] == 0 ? values / ts[0] * ts[1] : -1);
            if (bytes < 0) {
                throw new Corrupt("tensor " + tname + " has " + values + " values, not a whole number of blocks");
            }
            lastOffset = Math.max(lastOffset, offset);
            dataEndRelative = Math.max(dataEndRelative, offset + bytes);
        }
        long dataStart = (in.position() + alignment - 1) / alignment * alignment;
        long dataEnd = dataStart + Math.max(lastOffset, dataEndRelative);
        if (dataStart > size || dataEnd > size) {
            throw new Corrupt("truncated: its tensor data needs " + Math.max(dataStart, dataEnd)
                    + " bytes but the file has " + size);
        }
        return new GgufInfo(file, version, size, architecture, Optional.ofNullable(name),
                contextLength == null ? OptionalLong.empty() : OptionalLong.of(contextLength),
                Optional.ofNullable(template), kvCount, tensorCount, dataStart, dataEnd);
    }

    /** A structural problem; turned into a {@link ModelsException} naming the file. */
    private static final class Corrupt extends RuntimeException {
        Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    /** Buffered little-endian reads with every length checked against the file size. */
    private static final class In {
        private final FileChannel ch;
        private final long size;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        private long bufStart;

        In(FileChannel ch, long size) {
            this.ch = ch;
            this.size = size;
            buf.limit(0);
        }

        long position() {
            return bufStart + buf.position();
        }

        private void need(int n) throws IOException {
            if (buf.remaining() >= n) {
                return;
            }
            if (position() + n > size) {
                throw new Corrupt("truncated: the header runs past the end of the file (" + size + " bytes)");
            }
            bufStart = position();
            buf.compact();
            while (buf.position() < n) {
                if (ch.read(buf, bufStart + buf.position()) < 0) {
                    throw new Corrupt("truncated: the header runs past the end of the file (" + size + " bytes)");
                }
            }
            buf.flip();
        }

        int u32() throws IOException {
            need(4);
            return buf.getInt();
        }

        long u64() throws IOException {
            need(8);
            return buf.getLong();
        }

        void skip(long n) throws IOException {
            if (n < 0 || position() + n > size) {
                throw new Corrupt("truncated: the header runs past the end of the file (" + size + " bytes)");
            }
            long inBuf = Math.min(n, buf.remaining());
            buf.position(buf.position() + (int) inBuf);
            long rest = n - inBuf;
            if (rest > 0) {
                bufStart = position() + rest;
                buf.clear().limit(0);
            }
        }

        String str(String what) throws IOException {
            long len = u64();
            if (len < 0 || len > MAX_STRING || position() + len > size) {
                throw new Corrupt(what + " has an implausible length " + Long.toUnsignedString(len));
            }
            byte[] b = new byte[(int) len];
            int off = 0;
            while (off < len) {
                need(1);
                int n = Math.min(b.length - off, buf.remaining());
                buf.get(b, off, n);
                off += n;
            }
            return new String(b, StandardCharsets.UTF_8);
        }

        /** Reads one value; scalars come back as Long, Double, Boolean or String, arrays are skipped (null). */
        Object value(int type, String key, int depth) throws IOException {
            switch (type) {
                case 0, 1 -> {
                    need(1);
                    return (long) buf.get();
                }
                case 2, 3 -> {
                    need(2);
                    return (long) buf.getShort();
                }
                case 4 -> {
                    return Integer.toUnsignedLong(u32());
                }
                case 5 -> {
                    return (long) u32();
                }
                case 6 -> {
                    need(4);
                    return (double) buf.getFloat();
                }
                case 7 -> {
                    need(1);
                    return buf.get() != 0;
                }
                case 8 -> {
                    return str("value of " + key);
                }
                case 9 -> {
                    if (depth > 2) {
                        throw new Corrupt("value of " + key + " nests arrays too deeply");
                    }
                    int elem = u32();
                    long count = u64();
                    if (count < 0 || count > size) {
                        throw new Corrupt("value of " + key + " has an implausible length "
                                + Long.toUnsignedString(count));
                    }
                    int fixed = switch (elem) {
                        case 0, 1, 7 -> 1;
                        case 2, 3 -> 2;
                        case 4, 5, 6 -> 4;
                        case 10, 11, 12 -> 8;
                        default -> 0;
                    };
                    if (fixed > 0) {
                        skip(count * fixed);
                    } else {
                        for (long i = 0; i < count; i++) {
                            if (elem == 8) {
                                long len = u64();
                                if (len < 0 || len > MAX_STRING) {
                                    throw new Corrupt("value of " + key + " has a string of implausible length "
                                            + Long.toUnsignedString(len));
                                }
                                skip(len);
                            } else {
                                value(elem, key, depth + 1);
                            }
                        }
                    }
                    return null;
                }
                case 10 -> {
                    return u64();
                }
                case 11 -> {
                    return u64();
                }
                case 12 -> {
                    need(8);
                    return buf.getDouble();
                }
                default -> throw new Corrupt("value of " + key + " has unknown type " + Integer.toUnsignedString(type));
            }
        }
    }
}
