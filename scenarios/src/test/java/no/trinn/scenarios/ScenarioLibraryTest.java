package no.trinn.scenarios;

import java.io.IOException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import no.trinn.core.Similarity;
import no.trinn.scenarios.ScenarioException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLibraryTest {
    @Test
    void userFilesAddAndOverrideShippedScenariosAndBrokenOnesAreReported(@TempDir Path dir) throws IOException {
        String coffee = TestFiles.read(TestFiles.LIBRARY.resolve("coffee-order.yaml"))
                .replace("title: Buying a coffee", "title: Buying a coffee at our clinic's café");
        Files.writeString(dir.resolve("my-coffee.yaml"), coffee);
        Files.writeString(dir.resolve("extra.yaml"), TestFiles.minimal("clinic-hello"));
        Files.writeString(dir.resolve("broken.yaml"), TestFiles.minimal("broken-one").replace("tier: 2", "tier: 9"));
        Files.writeString(dir.resolve("notes.txt"), "not a scenario");
        Files.writeString(dir.resolve(".hidden.yaml"), "not: read");
        Files.createDirectory(dir.resolve("nested.yaml"));

        ScenarioLibrary shipped = ScenarioLibrary.shipped();
        ScenarioLibrary library = ScenarioLibrary.withUserFolder(dir);

        Scenario mine = library.require("coffee-order");
        assertEquals("Buying a coffee at our clinic's café", mine.title());
        assertEquals(dir.resolve("my-coffee.yaml").toString(), mine.source());
        assertEquals("clinic-hello", library.find("clinic-hello").orElseThrow().id());
        assertEquals(Optional.empty(), library.find("broken-one"));
        assertEquals(shipped.all().size() + 1, library.all().size(), "one added, one replaced");
        for (Scenario s : shipped.all()) {
            assertTrue(library.find(s.id()).isPresent(), s::id);
        }
        assertEquals(List.of(new Problem(dir.resolve("broken.yaml").toString(), 5, "tier",
                "must be a whole number from 1 to 4, was 9")), library.problems());
    }

    @Test
    void allIsSortedByTierThenId() {
        List<Scenario> all = ScenarioLibrary.shipped().all();
        assertEquals(all.stream().sorted(Comparator.comparingInt(Scenario::tier).thenComparing(Scenario::id))
                .toList(), all);
    }

    @Test
    void aDuplicateIdInTheUserFolderIsReportedAndTheFirstFileWins(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), TestFiles.minimal("twice"));
        Files.writeString(dir.resolve("b.yaml"), TestFiles.minimal("twice").replace("title: Greeting a neighbour",
                "title: Other"));
        ScenarioLibrary library = ScenarioLibrary.withUserFolder(dir);
        assertEquals("Greeting a neighbour", library.require("twice").title());
        assertEquals(1, library.problems().size());
        Problem p = library.problems().getFirst();
        assertEquals(dir.resolve("b.yaml").toString(), p.file());
        assertEquals("id", p.field());
        assertTrue(p.message().contains("already used by " + dir.resolve("a.yaml")), p::toString);
    }

    @Test
    void aTranslationOfAnUnknownScenarioIsReportedButKept(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("t.yaml"), TestFiles.minimal("hils-pa-naboen")
                .replace("language: en", "language: nb\ntranslationOf: cofee-order"));
        ScenarioLibrary library = ScenarioLibrary.withUserFolder(dir);
        assertTrue(library.find("hils-pa-naboen").isPresent());
        assertEquals(List.of(new Problem(dir.resolve("t.yaml").toString(), 0, "translationOf",
                "no scenario has id 'cofee-order'; did you mean 'coffee-order'?")), library.problems());
    }

    @Test
    void aMissingUserFolderIsAProblemNotAnException(@TempDir Path dir) {
        ScenarioLibrary library = ScenarioLibrary.withUserFolder(dir.resolve("absent"));
        assertEquals(ScenarioLibrary.shipped().all().size(), library.all().size());
        assertEquals(1, library.problems().size());
        assertTrue(library.problems().getFirst().message().contains("does not exist"));
    }

    @Test
    void requireNamesTheUnknownIdAndTheClosestIds() {
        ScenarioLibrary library = ScenarioLibrary.shipped();
        ScenarioException e = assertThrows(ScenarioException.class, () -> library.require("cofee-order"));
        assertTrue(e.getMessage().startsWith("no scenario has id 'cofee-order'; did you mean coffee-order"),
                e::getMessage);
        assertEquals(List.of(), e.problems());
        assertSame(library.require("coffee-order"), library.find("coffee-order").orElseThrow());
    }

    @Test
    void closestIdsPreferSharedWordsThenFewerEdits() {
        List<String> ids = List.of("coffee-order", "pharmacy-pickup", "job-interview-easy", "job-interview-hard",
                "refuse-drink-old-friend", "greet-neighbour");
        assertEquals(List.of("coffee-order"), Similarity.closestIds("cofee-order", ids, 3));
        assertEquals(List.of("coffee-order"), Similarity.closestIds("order-coffee", ids, 3));
        assertEquals(List.of("job-interview-easy", "job-interview-hard"), Similarity.closestIds("interview", ids, 3));
        assertEquals(List.of("job-interview-easy", "job-interview-hard"), Similarity.closestIds("job", ids, 3));
        assertEquals(List.of("pharmacy-pickup"), Similarity.closestIds("pharmacy", ids, 3));
        assertEquals(List.of("refuse-drink-old-friend"), Similarity.closestIds("refuse-a-drink", ids, 3));
        assertEquals(List.of(), Similarity.closestIds("zzz", ids, 3));
        assertEquals(3, Similarity.closestIds("job-interview-coffee-order", ids, 3).size());
    }

    @Test
    void closestIdsComeFromTheLibrary() {
        ScenarioLibrary library = ScenarioLibrary.shipped();
        assertEquals("coffee-order", library.closestIds("coffee").getFirst());
        assertTrue(library.closestIds("coffee").size() <= 3);
        assertEquals(List.of(), library.closestIds("xylophone-quartet"));
    }

    @Test
    void theShippedLibraryIsReadFromAJarToo(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("scenarios.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, ScenarioLibrary.MARKER, "{}");
            put(out, ScenarioLoader.LIBRARY_FOLDER + "b-minimal.yaml", TestFiles.minimal("from-jar"));
            put(out, ScenarioLoader.LIBRARY_FOLDER + "a-coffee.yaml",
                    TestFiles.read(TestFiles.LIBRARY.resolve("coffee-order.yaml")));
            put(out, ScenarioLoader.LIBRARY_FOLDER + "c-broken.yaml", "id: [");
            put(out, ScenarioLoader.LIBRARY_FOLDER + "readme.txt", "not a scenario");
            put(out, ScenarioLoader.LIBRARY_FOLDER + "drafts/d.yaml", TestFiles.minimal("draft"));
        }
        try (URLClassLoader classLoader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ScenarioLibrary library = ScenarioLibrary.load(classLoader, Optional.empty(), new ScenarioLoader());
            assertEquals(List.of("a-coffee.yaml", "b-minimal.yaml", "c-broken.yaml"), library.shippedFiles());
            assertEquals(List.of("from-jar", "coffee-order"), library.all().stream().map(Scenario::id).toList());
            assertEquals("library:a-coffee.yaml", library.require("coffee-order").source());
            assertEquals(1, library.problems().size());
            assertEquals("library:c-broken.yaml", library.problems().getFirst().file());
        }
    }

    @Test
    void aClassLoaderWithoutTheLibraryGivesAProblem() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            ScenarioLibrary library = ScenarioLibrary.load(empty, Optional.empty(), new ScenarioLoader());
            assertEquals(List.of(), library.all());
            assertTrue(library.problems().getFirst().message().contains("the shipped library is missing"));
        }
    }

    private static void put(JarOutputStream jar, String name, String content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        OutputStream out = jar;
        out.write(content.getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
    }
}
