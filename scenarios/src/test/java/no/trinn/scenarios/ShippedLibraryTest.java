package no.trinn.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The library shipped in {@code src/main/resources/no/trinn/scenarios/library/} is complete and valid. */
class ShippedLibraryTest {
    private static final String SCHEMA_LINE = "# yaml-language-server: $schema=../scenario.schema.json";

    private static List<Path> files;

    @BeforeAll
    static void listFiles() throws IOException {
        try (Stream<Path> all = Files.list(TestFiles.LIBRARY)) {
            files = all.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyFileLoadsWithoutProblems() {
        ScenarioLoader loader = new ScenarioLoader();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                loader.load(file);
            } catch (ScenarioException e) {
                problems.add(e.getMessage());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theLibraryFindsEveryFileAndReportsNoProblems() {
        ScenarioLibrary library = ScenarioLibrary.shipped();
        assertEquals(List.of(), library.problems());
        assertEquals(files.stream().map(p -> p.getFileName().toString()).toList(), library.shippedFiles());
        assertEquals(files.size(), library.all().size());
        for (Scenario s : library.all()) {
            assertTrue(s.source().startsWith("library:"), s::source);
        }
    }

    @Test
    void everyFileNamesTheSchemaOnItsFirstLine() throws IOException {
        for (Path file : files) {
            assertEquals(SCHEMA_LINE, Files.readAllLines(file).getFirst(), file::toString);
        }
    }

    @Test
    void idsAreUniqueAcrossFiles() {
        ScenarioLoader loader = new ScenarioLoader();
        Map<String, Long> counts = files.stream().map(loader::load)
                .collect(Collectors.groupingBy(Scenario::id, Collectors.counting()));
        assertEquals(Map.of(), counts.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Test
    void atLeastTwelveScenariosCoverAllFourTiers() {
        List<Scenario> all = ScenarioLibrary.shipped().all();
        assertTrue(all.size() >= 12, "only " + all.size() + " scenarios");
        assertEquals(Set.of(1, 2, 3, 4), all.stream().map(Scenario::tier).collect(Collectors.toSet()));
    }

    @Test
    void atLeastThreeNorwegianScenariosTranslateEnglishOnes() {
        List<Scenario> all = ScenarioLibrary.shipped().all();
        Map<String, Scenario> byId = new HashMap<>();
        all.forEach(s -> byId.put(s.id(), s));
        Set<String> translated = new TreeSet<>();
        for (Scenario s : all) {
            if (s.language().equals("nb") && s.translationOf().isPresent()) {
                Scenario original = byId.get(s.translationOf().get());
                assertTrue(original != null, () -> s.id() + " translates unknown " + s.translationOf().get());
                assertEquals("en", original.language(), s.id() + " must translate an English scenario");
                translated.add(s.id());
            }
        }
        assertTrue(translated.size() >= 3, "nb translations: " + translated);
    }
}
