package no.trinn.models.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {
    private static final String GOOD_FILE = """
                - name: m.gguf
                  url: https://example.org/m.gguf
                  verified: false
            """;

    private static String catalog(String entries) {
        return "version: 1\nmodels:\n" + entries;
    }

    private static String chat(String id, String files) {
        return """
              - id: %s
                kind: chat
                name: Test
                parameters: 0.5B
                quantisation: Q4_K_M
                licence: MIT
                good-for: tests
                languages: [en]
                files:
            %s""".formatted(id, files);
    }

    private static List<String> problems(String yaml) {
        return assertThrows(CatalogException.class, () -> ModelCatalog.parse(yaml, "test.yaml")).problems();
    }

    private static void assertProblem(List<String> problems, String... parts) {
        assertTrue(problems.stream().anyMatch(p -> List.of(parts).stream().allMatch(p::contains)),
                "no problem containing " + List.of(parts) + " in:\n" + String.join("\n", problems));
    }

    @Test
    void theShippedCatalogLoadsWithEveryKindOfModelTheIssueAsksFor() {
        ModelCatalog catalog = ModelCatalog.shipped();
        Set<String> ids = catalog.entries().stream().map(ModelEntry::id).collect(Collectors.toSet());
        for (String family : List.of("qwen2.5-0.5b-instruct", "qwen2.5-1.5b-instruct", "qwen2.5-3b-instruct",
                "llama3.2-1b-instruct", "llama3.2-3b-instruct", "smollm2-360m-instruct", "smollm2-1.7b-instruct")) {
            assertTrue(ids.contains(family + "-q4") && ids.contains(family + "-q8"), family);
        }
        assertTrue(ids.containsAll(List.of("vosk-small-en-us", "vosk-en-us", "silero-vad-v5")));
        assertTrue(catalog.entries().stream().filter(e -> e.kind() == ModelKind.VOICE).count() >= 4);
        for (ModelEntry e : catalog.entries()) {
            for (ModelFile f : e.files()) {
                assertEquals("https", f.url().getScheme(), e.id());
            }
            if (e.kind() == ModelKind.CHAT) {
                assertTrue(e.files().getFirst().name().toLowerCase().endsWith(".gguf"), e.id());
                assertTrue(e.quantisation().orElseThrow().startsWith(e.id().endsWith("-q4") ? "Q4" : "Q8"), e.id());
            }
        }
    }

    @Test
    void theShippedSileroEntryCarriesTheChecksumsComputedFromTheRealPackage() {
        ModelEntry vad = ModelCatalog.shipped().require("silero-vad-v5");
        ModelFile file = vad.files().getFirst();
        assertTrue(vad.verified());
        assertEquals(ModelKind.VOICE_ACTIVITY, vad.kind());
        assertEquals(Optional.of(ArchiveType.TGZ), file.archive());
        assertEquals(Optional.of("package/silero_vad_v5.onnx"), file.member());
        assertEquals(new Checksum(6934333, "14c045b3eab01e40d99fd95eaaaaafa24fbaf4c0d463dbc39c96862689c60015"),
                file.checksum().orElseThrow());
        assertEquals(new Checksum(2327524, "2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f"),
                file.memberChecksum().orElseThrow());
    }

    @Test
    void unknownIdsAreAnsweredWithTheClosestOnes() {
        ModelCatalog catalog = ModelCatalog.shipped();
        ModelInputException e = assertThrows(ModelInputException.class, () -> catalog.require("qwen2.5-0.5b"));
        assertTrue(e.getMessage().startsWith("unknown model 'qwen2.5-0.5b'; did you mean: qwen2.5-0.5b-instruct-q4"),
                e.getMessage());
        assertEquals(List.of("silero-vad-v5"), catalog.suggestions("silero-vad-v4"));
        assertEquals(List.of(), catalog.suggestions("completely-different-thing"));
    }

    @Test
    void aValidCatalogWithAnArchiveMember() {
        ModelCatalog catalog = ModelCatalog.parse(catalog("""
              - id: vad
                kind: voice-activity
                name: VAD
                licence: MIT
                good-for: tests
                languages: [any]
                files:
                  - name: vad.onnx
                    url: https://example.org/pkg.tgz
                    size: 10
                    sha256: "%s"
                    archive: tgz
                    member: package/vad.onnx
            """.formatted("AB".repeat(32))), "test.yaml");
        ModelFile file = catalog.require("vad").files().getFirst();
        assertEquals("ab".repeat(32), file.checksum().orElseThrow().sha256(), "kept in lower case");
        assertEquals("vad.onnx.tgz.part", file.partName());
        assertEquals(Optional.empty(), catalog.require("vad").parameters());
    }

    @Test
    void problemsNameTheCatalogTheEntryAndTheField() {
        List<String> problems = problems(catalog(chat("bad-sha", """
                - name: m.gguf
                  url: https://example.org/m.gguf
                  size: 12
                  sha256: "abc"
            """) + chat("no-checksum", """
                - name: m.gguf
                  url: https://example.org/m.gguf
            """) + chat("both", """
                - name: m.gguf
                  url: https://example.org/m.gguf
                  size: 12
                  verified: false
            """) + chat("ftp", """
                - name: m.gguf
                  url: ftp://example.org/m.gguf
                  verified: false
            """) + chat("escape", """
                - name: ../m.gguf
                  url: https://example.org/m.gguf
                  verified: false
            """) + """
              - id: Bad Id
                kind: robot
                name: x
                good-for: y
                languages: [en]
                colour: blue
                files:
            """ + GOOD_FILE + """
              - id: vosk
                kind: speech-recognition
                name: x
                licence: x
                good-for: y
                parameters: 1B
                languages: [en]
                files:
            """ + GOOD_FILE + chat("bad-sha", GOOD_FILE)));

        assertProblem(problems, "test.yaml: entry 'bad-sha': files[0].sha256: must be 64 hexadecimal digits");
        assertProblem(problems, "entry 'no-checksum': files[0].sha256: give size and sha256", "verified: false");
        assertProblem(problems, "entry 'both': files[0].verified: false means size and sha256 are not known");
        assertProblem(problems, "entry 'ftp': files[0].url: must be an absolute http or https URL");
        assertProblem(problems, "entry 'escape': files[0].name: must be a plain file name");
        assertProblem(problems, "entry 'Bad Id': kind: must be one of chat, speech-recognition");
        assertProblem(problems, "entry 'Bad Id': licence: missing");
        assertProblem(problems, "entry 'Bad Id': colour: unknown field");
        assertProblem(problems, "entry 'vosk': parameters: only chat models");
        assertProblem(problems, "entry 'bad-sha': id: used by an earlier entry too");
        assertEquals(10, problems.size(), String.join("\n", problems));
    }

    @Test
    void aChatModelNeedsItsParameterCountAndQuantisation() {
        List<String> problems = problems(catalog("""
              - id: chat
                kind: chat
                name: Test
                licence: MIT
                good-for: tests
                languages: [en]
                files:
            """ + GOOD_FILE));
        assertProblem(problems, "entry 'chat': parameters: a chat model needs its parameter count");
    }

    @Test
    void malformedYamlAndAWrongVersionAreReported() {
        CatalogException yaml = assertThrows(CatalogException.class,
                () -> ModelCatalog.parse("version: 1\nmodels: [\n", "broken.yaml"));
        assertTrue(yaml.getMessage().startsWith("broken.yaml: not valid YAML"), yaml.getMessage());
        assertProblem(problems("version: 2\nmodels: []\n"), "test.yaml: version: must be 1");
        assertProblem(problems("version: 1\nmodels: []\nmodels: []\n"), "test.yaml: not valid YAML");
    }

    @Test
    void aCatalogFileCanBeLoadedFromDisk(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("clinic.yaml"), catalog(chat("local", GOOD_FILE)));
        ModelCatalog catalog = ModelCatalog.load(file);
        assertEquals(file.toString(), catalog.source());
        assertFalse(catalog.require("local").verified());
        assertEquals(Optional.empty(), catalog.require("local").downloadSize());
        CatalogException missing = assertThrows(CatalogException.class,
                () -> ModelCatalog.load(dir.resolve("none.yaml")));
        assertTrue(missing.getMessage().contains("none.yaml"), missing.getMessage());
    }
}
