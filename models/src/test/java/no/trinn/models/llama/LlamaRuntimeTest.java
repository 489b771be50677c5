package no.trinn.models.llama;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import no.trinn.models.ModelsException;
import no.trinn.models.gguf.GgufWriter;
import no.trinn.models.gguf.ModelShape;
import no.trinn.models.gguf.WeightType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlamaRuntimeTest {
    @TempDir
    Path dir;

    private static final LlamaRuntime.Options OPTIONS = new LlamaRuntime.Options(2, 512, 256, true, false);

    @Test
    void missingTruncatedAndCorruptFilesFailNamingThePath() throws IOException {
        Path good = GgufWriter.write(dir.resolve("good.gguf"), ModelShape.tiny(), WeightType.Q4_0, 2);
        byte[] bytes = Files.readAllBytes(good);
        Path missing = dir.resolve("missing.gguf");
        Path truncated = Files.write(dir.resolve("truncated.gguf"), Arrays.copyOf(bytes, bytes.length / 2));
        Path garbage = Files.writeString(dir.resolve("garbage.gguf"), "GGUF but then nothing sensible");
        for (Path p : List.of(missing, truncated, garbage)) {
            ModelsException e = assertThrows(ModelsException.class, () -> LlamaRuntime.shared(p, OPTIONS));
            assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
            e = assertThrows(ModelsException.class, () -> LlamaRuntime.open(p, OPTIONS));
            assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        }
    }

    @Test
    void aWellFormedFileLlamaCppRejectsFailsNamingThePath() throws IOException {
        Path good = GgufWriter.write(dir.resolve("good.gguf"), ModelShape.tiny(), WeightType.Q8_0, 2);
        byte[] bytes = Files.readAllBytes(good);
        // the first "llama" in the file is the value of general.architecture: make it an unknown architecture
        byte[] arch = "llama".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, arch);
        bytes[at] = 'x';
        Path unknown = Files.write(dir.resolve("unknown-arch.gguf"), bytes);
        ModelsException e = assertThrows(ModelsException.class, () -> LlamaRuntime.open(unknown, OPTIONS));
        assertTrue(e.getMessage().contains(unknown.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("llama.cpp could not load"), e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void qwen2ShapesLoadAndAnswer() {
        Path file = GgufWriter.write(dir.resolve("qwen.gguf"), ModelShape.tiny()
                .withArchitecture(ModelShape.Architecture.QWEN2), WeightType.Q4_0, 4);
        try (LlamaRuntime runtime = LlamaRuntime.open(file, OPTIONS)) {
            ChatResponse r = new LocalChatModel(runtime, LocalChatOptions.defaults().withMaxOutputTokens(8)
                    .withSeed(1)).chat(List.of(UserMessage.from("Hello")));
            assertFalse(r.aiMessage().text().isEmpty());
        }
    }

    @Test
    void aClosedRuntimeIsClosedForEveryUse() {
        Path file = GgufWriter.write(dir.resolve("tiny.gguf"), ModelShape.tiny(), WeightType.F16, 4);
        LlamaRuntime runtime = LlamaRuntime.shared(file, OPTIONS);
        ModelsException other = assertThrows(ModelsException.class,
                () -> LlamaRuntime.shared(file, OPTIONS.withThreads(1)));
        assertTrue(other.getMessage().contains("already loaded"), other.getMessage());
        LocalChatModel model = new LocalChatModel(runtime);
        runtime.close();
        runtime.close();
        assertFalse(runtime.isOpen());
        ModelsException e = assertThrows(ModelsException.class, () -> model.chat("Hello"));
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    }
}
