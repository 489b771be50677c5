package no.trinn.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the module's files as the tests see them (Maven runs tests in the module folder). */
final class TestFiles {
    static final Path LIBRARY = Path.of("src/main/resources/no/trinn/scenarios/library");
    static final Path SCHEMA = Path.of("src/main/resources/no/trinn/scenarios/scenario.schema.json");
    static final Path MALFORMED = Path.of("src/test/resources/malformed");
    static final Path MINIMAL = Path.of("src/test/resources/valid/minimal.yaml");

    private TestFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The minimal valid scenario with its id replaced. */
    static String minimal(String id) {
        return read(MINIMAL).replace("id: minimal-greeting", "id: " + id);
    }
}
