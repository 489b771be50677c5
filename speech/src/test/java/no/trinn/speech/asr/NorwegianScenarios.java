package no.trinn.speech.asr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The expected answers of the shipped Norwegian Bokmål scenarios ({@code *-nb.yaml} in the scenarios module's
 * library), read straight from the YAML files: per state, each intent's examples, normalised as a recognizer gets
 * them. The speech module does not depend on the scenarios module, so the files are read from the source tree.
 */
record NorwegianScenarios(String id, List<State> states) {
    static final Path LIBRARY = Path.of("..", "scenarios", "src", "main", "resources", "no", "trinn", "scenarios",
            "library");

    /** One state: its intents' normalised examples. */
    record State(String id, List<Intent> intents) {
        List<String> phrases() {
            return Phrases.normalise(intents.stream().flatMap(i -> i.examples().stream()).toList());
        }

        /** The intent whose examples hold the normalised {@code phrase}, or null. */
        String intentOf(String phrase) {
            for (Intent i : intents) {
                if (Phrases.normalise(i.examples()).contains(phrase)) {
                    return i.id();
                }
            }
            return null;
        }
    }

    /** One intent and its examples as written. */
    record Intent(String id, List<String> examples) {
    }

    static List<NorwegianScenarios> load() throws IOException {
        List<NorwegianScenarios> out = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.list(LIBRARY)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-nb.yaml")).sorted().toList()) {
                JsonNode root = yaml.readTree(file.toFile());
                List<State> states = new ArrayList<>();
                for (JsonNode state : root.path("states")) {
                    List<Intent> intents = new ArrayList<>();
                    for (JsonNode intent : state.path("intents")) {
                        List<String> examples = new ArrayList<>();
                        intent.path("examples").forEach(e -> examples.add(e.asText()));
                        if (!examples.isEmpty()) {
                            intents.add(new Intent(intent.path("id").asText(), examples));
                        }
                    }
                    if (!intents.isEmpty()) {
                        states.add(new State(state.path("id").asText(), intents));
                    }
                }
                out.add(new NorwegianScenarios(root.path("id").asText(), states));
            }
        }
        if (out.size() < 4) {
            throw new IllegalStateException("expected the 4 shipped nb scenarios in " + LIBRARY.toAbsolutePath()
                    + ", found " + out.size());
        }
        return out;
    }
}
