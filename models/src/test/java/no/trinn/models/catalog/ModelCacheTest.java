package no.trinn.models.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.trinn.models.ModelsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ModelCacheTest {
    @TempDir
    Path dir;

    /** The start of a GGUF file of {@code version} (one metadata key) followed by {@code tail} random bytes. */
    static byte[] gguf(int version, int tail) {
        byte[] key = "general.architecture".getBytes(StandardCharsets.UTF_8);
        byte[] value = "llama".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(24 + 8 + key.length + 4 + 8 + value.length + tail)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(version).putLong(0).putLong(1);
        b.putLong(key.length).put(key).putInt(8).putLong(value.length).put(value);
        b.put(ModelDownloaderTest.random(tail, version));
        return b.array();
    }

    @Test
    void anEmptyOrMissingCacheHasNoModels() {
        ModelCache cache = new ModelCache(dir.resolve("nothing-here"));
        assertEquals(List.of(), cache.installed());
        assertEquals(List.of(), cache.verify());
        assertFalse(Files.exists(cache.root()), "nothing is created by looking");
    }

    @Test
    void addCopiesAGgufWithAnIdFromItsNameAndRecordsItsChecksum() throws IOException {
        byte[] bytes = gguf(3, 100_000);
        Path file = Files.write(dir.resolve("My-Model.Q4_K_M.gguf"), bytes);
        ModelCache cache = new ModelCache(dir.resolve("models"));

        InstalledModel model = cache.add(file);

        assertEquals("my-model.q4_k_m", model.id());
        assertEquals(ModelKind.CHAT, model.kind());
        assertEquals(List.of(new InstalledFile("My-Model.Q4_K_M.gguf", bytes.length, ModelDownloaderTest.sha(bytes),
                false)), model.files());
        Path copy = cache.root().resolve("my-model.q4_k_m").resolve("My-Model.Q4_K_M.gguf");
        assertEquals(Optional.of(copy), model.gguf());
        assertArrayEquals(bytes, Files.readAllBytes(copy));
        assertTrue(model.source().contains(file.toString()));
        assertEquals(List.of(model), cache.installed());
        assertFalse(Files.exists(cache.root().resolve(ModelCache.STAGING).resolve(model.id())));
    }

    @Test
    void addWithAGivenIdAndALink() throws IOException {
        byte[] bytes = gguf(2, 1000);
        Path file = Files.write(dir.resolve("weights.gguf"), bytes);
        ModelCache cache = new ModelCache(dir.resolve("models"));

        InstalledModel model = cache.add(file, Optional.of("my-chat"), ModelCache.AddMode.LINK);

        Path placed = cache.root().resolve("my-chat").resolve("weights.gguf");
        assertTrue(Files.isSymbolicLink(placed));
        assertEquals(ModelDownloaderTest.sha(bytes), model.files().getFirst().sha256());
        assertTrue(cache.verify().stream().allMatch(FileCheck::ok));
        Files.delete(file);
        assertEquals(FileCheck.Status.MISSING, cache.verify().getFirst().status(), "the link points nowhere now");
    }

    @Test
    void addRejectsAFileThatIsNotGgufWithAClearMessage() throws IOException {
        Path zip = Files.write(dir.resolve("model.gguf"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
        ModelCache cache = new ModelCache(dir.resolve("models"));
        ModelInputException e = assertThrows(ModelInputException.class, () -> cache.add(zip));
        assertTrue(e.getMessage().contains(zip.toString()) && e.getMessage().contains("is not a GGUF model file")
                && e.getMessage().contains("50 4b 03 04"), e.getMessage());
        assertEquals(List.of(), cache.installed());
        assertFalse(Files.exists(cache.root().resolve("model")));
    }

    @Test
    void addRejectsOldVersionsShortFilesEmptyFilesAndMissingFiles() throws IOException {
        ModelCache cache = new ModelCache(dir.resolve("models"));
        Path v1 = Files.write(dir.resolve("old.gguf"), gguf(1, 10));
        assertTrue(assertThrows(ModelInputException.class, () -> cache.add(v1)).getMessage().contains("version 1"));
        Path shortFile = Files.write(dir.resolve("short.gguf"), new byte[] {'G', 'G', 'U', 'F', 3, 0});
        assertTrue(assertThrows(ModelInputException.class, () -> cache.add(shortFile)).getMessage()
                .contains("cut short"));
        Path empty = Files.write(dir.resolve("empty.gguf"), new byte[0]);
        assertTrue(assertThrows(ModelInputException.class, () -> cache.add(empty)).getMessage()
                .contains("the file is empty"));
        Path none = dir.resolve("none.gguf");
        assertTrue(assertThrows(ModelInputException.class, () -> cache.add(none)).getMessage()
                .contains("no file " + none));
        assertEquals(List.of(), cache.installed());
    }

    @Test
    void addRefusesAnIdInUseAndAMalformedId() throws IOException {
        Path file = Files.write(dir.resolve("chat.gguf"), gguf(3, 10));
        ModelCache cache = new ModelCache(dir.resolve("models"));
        cache.add(file);
        ModelInputException twice = assertThrows(ModelInputException.class, () -> cache.add(file));
        assertTrue(twice.getMessage().contains("'chat' is already installed"), twice.getMessage());
        ModelInputException bad = assertThrows(ModelInputException.class,
                () -> cache.add(file, Optional.of("../escape"), ModelCache.AddMode.COPY));
        assertTrue(bad.getMessage().contains("not a valid model id"), bad.getMessage());
    }

    @Test
    void verifyFindsTamperedAndMissingFiles() throws IOException {
        ModelCache cache = new ModelCache(dir.resolve("models"));
        InstalledModel a = cache.add(Files.write(dir.resolve("a.gguf"), gguf(3, 50_000)));
        InstalledModel b = cache.add(Files.write(dir.resolve("b.gguf"), gguf(3, 50_000)));
        InstalledModel c = cache.add(Files.write(dir.resolve("c.gguf"), gguf(3, 50_000)));
        assertTrue(cache.verify().stream().allMatch(FileCheck::ok));

        Path tampered = a.gguf().orElseThrow();
        byte[] bytes = Files.readAllBytes(tampered);
        bytes[40_000] ^= 1;
        Files.write(tampered, bytes);
        Files.write(b.gguf().orElseThrow(), new byte[] {1, 2, 3});
        Files.delete(c.gguf().orElseThrow());

        List<FileCheck> seen = new ArrayList<>();
        List<FileCheck> checks = cache.verify(seen::add);

        assertEquals(checks, seen, "each result is handed over as it is found");
        assertEquals(List.of(FileCheck.Status.MISMATCH, FileCheck.Status.MISMATCH, FileCheck.Status.MISSING),
                checks.stream().map(FileCheck::status).toList());
        assertTrue(checks.get(0).detail().startsWith("SHA-256 ") && checks.get(0).detail()
                .endsWith("recorded " + a.files().getFirst().sha256()), checks.get(0).detail());
        assertTrue(checks.get(1).detail().startsWith("size 3 bytes"), checks.get(1).detail());
        assertEquals(c.gguf().orElseThrow(), checks.get(2).path());
    }

    @Test
    void aDamagedRecordIsReportedWithItsPath() throws IOException {
        ModelCache cache = new ModelCache(dir.resolve("models"));
        InstalledModel model = cache.add(Files.write(dir.resolve("x.gguf"), gguf(3, 10)));
        Path record = model.folder().resolve(ModelCache.MANIFEST);
        Files.writeString(record, "{\"id\": \"x\"");
        ModelsException e = assertThrows(ModelsException.class, cache::installed);
        assertTrue(e.getMessage().contains(record.toString()) && e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void foldersWithoutARecordAreNotModels() throws IOException {
        ModelCache cache = new ModelCache(dir.resolve("models"));
        Files.createDirectories(cache.root().resolve("my-notes"));
        Files.createDirectories(cache.root().resolve(ModelCache.STAGING).resolve("half"));
        assertEquals(List.of(), cache.installed());
    }

    @Test
    void idsFromFileNames() {
        assertEquals("qwen2.5-0.5b-instruct-q4_k_m", ModelCache.idFromFileName(Path.of("qwen2.5-0.5b-instruct-q4_k_m.gguf")));
        assertEquals("llama-3.2-1b-instruct-q8_0", ModelCache.idFromFileName(Path.of("Llama-3.2-1B-Instruct-Q8_0.GGUF")));
        assertEquals("my-model-v2", ModelCache.idFromFileName(Path.of("My Model (v2).gguf")));
        assertThrows(ModelInputException.class, () -> ModelCache.idFromFileName(Path.of("___.gguf")));
    }
}
