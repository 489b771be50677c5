package no.trinn.models.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Checks the fixed start of a GGUF file: the magic {@code GGUF}, a version llama.cpp reads (2 or 3), and plausible
 * tensor and key/value counts. It does not read the rest of the file.
 */
final class GgufHeader {
    private static final byte[] MAGIC = {'G', 'G', 'U', 'F'};
    private static final int HEADER = 24;

    private GgufHeader() {
    }

    /**
     * Throws a {@link ModelInputException} naming {@code file} if it does not start like a GGUF model.
     *
     * @throws IOException if the file cannot be read
     */
    static void check(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEADER);
        }
        if (head.length < 4 || !java.util.Arrays.equals(head, 0, 4, MAGIC, 0, 4)) {
            throw new ModelInputException(file + " is not a GGUF model file: it starts with "
                    + describe(head) + ", a GGUF file starts with the letters GGUF. Chat models must be in GGUF "
                    + "format (the .gguf files made for llama.cpp)");
        }
        if (head.length < HEADER) {
            throw new ModelInputException(file + " is cut short: it has only " + head.length
                    + " bytes, fewer than a GGUF header");
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        long version = Integer.toUnsignedLong(b.getInt(4));
        if (version == 1) {
            throw new ModelInputException(file + " is a GGUF file of version 1, which llama.cpp no longer reads; "
                    + "get a current (version 3) file of the model");
        }
        if (version < 1 || version > 3) {
            throw new ModelInputException(file + " has GGUF version " + version + ", but Trinn reads versions 2 "
                    + "and 3" + (version > 0xFFFF ? " (the header looks big-endian or damaged)" : ""));
        }
        long tensors = b.getLong(8);
        long keys = b.getLong(16);
        if (tensors < 0 || tensors > 1_000_000 || keys < 1 || keys > 1_000_000) {
            throw new ModelInputException(file + " has a damaged GGUF header: " + tensors + " tensors and " + keys
                    + " metadata keys");
        }
    }

    private static String describe(byte[] head) {
        if (head.length == 0) {
            return "nothing (the file is empty)";
        }
        int n = Math.min(4, head.length);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            char c = (char) (head[i] & 0xff);
            text.append(c >= 0x20 && c < 0x7f ? c : '.');
        }
        return "the bytes " + HexFormat.ofDelimiter(" ").formatHex(head, 0, n) + " ('" + text + "')";
    }
}
