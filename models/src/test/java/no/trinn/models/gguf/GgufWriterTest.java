package no.trinn.models.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import no.trinn.models.ModelsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufWriterTest {
    @TempDir
    Path dir;

    @Test
    void tinyModelIsSmallDeterministicAndReadsBack() throws IOException {
        Path a = GgufWriter.write(dir.resolve("a.gguf"), ModelShape.tiny(), WeightType.Q8_0, 7);
        Path b = GgufWriter.write(dir.resolve("b.gguf"), ModelShape.tiny(), WeightType.Q8_0, 7);
        Path c = GgufWriter.write(dir.resolve("c.gguf"), ModelShape.tiny(), WeightType.Q8_0, 8);
        long size = Files.size(a);
        assertTrue(size > 50_000 && size < 1_000_000, "size " + size);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertFalse(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));

        GgufInfo info = GgufReader.read(a);
        assertEquals(3, info.version());
        assertEquals("llama", info.architecture());
        assertEquals("tiny-random", info.name().orElseThrow());
        assertEquals(2048, info.contextLength().orElseThrow());
        assertEquals(GgufWriter.CHAT_TEMPLATE, info.chatTemplate().orElseThrow());
        assertEquals(2 + 2 * 9, info.tensorCount());
        assertEquals(size, info.dataEnd());
        assertEquals(0, info.dataStart() % GgufWriter.ALIGNMENT);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("a.gguf", "b.gguf", "c.gguf"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
        }
    }

    @Test
    void everyWeightTypeAndQwen2ShapesWrite() {
        for (WeightType w : WeightType.values()) {
            Path p = GgufWriter.write(dir.resolve(w + ".gguf"), ModelShape.tiny()
                    .withArchitecture(ModelShape.Architecture.QWEN2), w, 1);
            GgufInfo info = GgufReader.read(p);
            assertEquals("qwen2", info.architecture());
            assertEquals(2 + 2 * 12, info.tensorCount(), "q, k and v biases");
        }
    }

    @Test
    void presetsCarryRealDimensions() {
        assertEquals(134.5e6, ModelShape.smollm2_135m().parameterCount(), 1e6);
        assertEquals(494e6, ModelShape.qwen25_0_5b().parameterCount(), 2e6);
        assertEquals(1_543e6, ModelShape.qwen25_1_5b().parameterCount(), 5e6);
        assertEquals(151_936, ModelShape.preset("Qwen2.5-0.5B").orElseThrow().vocabSize());
        assertTrue(ModelShape.preset("gpt-5").isEmpty());
    }

    @Test
    void shapeValidationNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelShape("x",
                ModelShape.Architecture.LLAMA, 1000, 64, 2, 100, 4, 2, 512, 10_000f, 1e-5f));
        assertTrue(e.getMessage().contains("feedForwardLength"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ModelShape("x", ModelShape.Architecture.LLAMA,
                1000, 64, 2, 128, 4, 3, 512, 10_000f, 1e-5f));
        assertTrue(e.getMessage().contains("headCountKv"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ModelShape("x", ModelShape.Architecture.LLAMA,
                10, 64, 2, 128, 4, 2, 512, 10_000f, 1e-5f));
        assertTrue(e.getMessage().contains("vocabSize"), e.getMessage());
    }

    @Test
    void largeVocabulariesHoldWordPiecesAndDistinctTokens() {
        GgufVocabulary v = GgufVocabulary.of(20_000, new SplittableRandom(3));
        assertEquals(20_000, v.tokens().size());
        assertEquals(20_000, v.tokens().stream().distinct().count());
        assertTrue(v.tokens().contains(GgufVocabulary.SPACE + "pharmacy"));
        assertTrue(v.tokens().contains(GgufVocabulary.SPACE + "pharm"));
        assertTrue(v.tokens().contains("{") && v.tokens().contains("\"") && v.tokens().contains(":"));
    }

    @Test
    void readerRejectsMissingForeignTruncatedAndCorruptFilesNamingThem() throws IOException {
        Path good = GgufWriter.write(dir.resolve("good.gguf"), ModelShape.tiny(), WeightType.Q8_0, 1);
        byte[] bytes = Files.readAllBytes(good);

        Path missing = dir.resolve("missing.gguf");
        assertMessage(missing, "does not exist");

        Path foreign = Files.writeString(dir.resolve("foreign.gguf"), "this is not a model at all, just text");
        assertMessage(foreign, "bad magic");

        Path truncated = Files.write(dir.resolve("truncated.gguf"), Arrays.copyOf(bytes, bytes.length - 1000));
        assertMessage(truncated, "truncated");

        Path header = Files.write(dir.resolve("header.gguf"), Arrays.copyOf(bytes, 5000));
        assertMessage(header, "truncated");

        byte[] corrupt = bytes.clone();
        corrupt[16] = (byte) 0xff; // metadata count becomes enormous
        corrupt[23] = (byte) 0x7f;
        assertMessage(Files.write(dir.resolve("corrupt.gguf"), corrupt), "implausible");

        byte[] badVersion = bytes.clone();
        badVersion[4] = 9;
        assertMessage(Files.write(dir.resolve("version.gguf"), badVersion), "version");
    }

    private static void assertMessage(Path file, String part) {
        ModelsException e = assertThrows(ModelsException.class, () -> GgufReader.read(file));
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
