package no.trinn.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import no.trinn.agents.generative.GenerativeOptions.LatencyMode;
import no.trinn.app.practice.EngineChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config.yaml} in the home folder: reading, its problems by file, line and key, and its precedence. */
class ConfigFileTest {
    @TempDir
    Path home;

    private Path config(String yaml) throws IOException {
        return Files.writeString(home.resolve(Home.CONFIG), yaml);
    }

    private InputException problem(String yaml) throws IOException {
        Path file = config(yaml);
        return assertThrows(InputException.class, () -> ConfigFile.read(file));
    }

    @Test
    void everyKeyIsRead() throws IOException {
        Path file = config("""
                # the clinic's settings
                engine: server
                model: qwen2.5:1.5b-instruct
                server:
                  url: http://gpu-box:11434/v1
                  apiKeyEnv: CLINIC_KEY
                threads: 2
                latency:
                  mode: off
                  budgetMs: 1200
                difficulty: 0.4
                """);
        ConfigFile c = ConfigFile.read(file);
        assertEquals(Optional.of(EngineChoice.Kind.SERVER), c.engine());
        assertEquals(Optional.of("qwen2.5:1.5b-instruct"), c.model());
        assertEquals(Optional.of("http://gpu-box:11434/v1"), c.serverUrl());
        assertEquals(Optional.of("CLINIC_KEY"), c.apiKeyEnv());
        assertEquals(Optional.of(2), c.threads());
        assertEquals(Optional.of(LatencyMode.OFF), c.latencyMode(), "'off' is a word here, not YAML 1.1's false");
        assertEquals(Optional.of(1200), c.latencyBudgetMs());
        assertEquals(Optional.of(0.4), c.difficulty());
    }

    @Test
    void aMissingEmptyOrCommentOnlyFileMeansTheDefaults() throws IOException {
        ConfigFile missing = ConfigFile.read(home.resolve(Home.CONFIG));
        assertEquals(ConfigFile.defaults(home.resolve(Home.CONFIG)), missing);
        assertEquals(Optional.empty(), missing.engine());
        assertEquals(ConfigFile.defaults(home.resolve(Home.CONFIG)), ConfigFile.read(config("# nothing yet\n")));
        assertEquals(ConfigFile.defaults(home.resolve(Home.CONFIG)), ConfigFile.read(config("")));
    }

    @Test
    void anUnknownKeyIsNamedWithItsLineAndTheClosestKnownKey() throws IOException {
        Path file = home.resolve(Home.CONFIG);
        InputException top = problem("engine: local\n\nthreds: 2\n");
        assertEquals(file + ":3: threds: unknown key; did you mean 'threads'? (keys here: engine, model, server, "
                + "threads, latency, difficulty, adaptation, store)", top.getMessage());
        InputException nested = problem("server:\n  url: http://localhost:8080/v1\n  timeout: 5\n");
        assertTrue(nested.getMessage().startsWith(file + ":3: server.timeout: unknown key"), nested.getMessage());
        assertTrue(nested.getMessage().endsWith("(keys here: url, apiKeyEnv)"), nested.getMessage());
    }

    @Test
    void theAdaptationBandAndCapAreReadAndChecked() throws IOException {
        ConfigFile c = ConfigFile.read(config("adaptation:\n  bandLow: 0.6\n  bandHigh: 0.8\n  maxDifficulty: 0.5\n"));
        assertEquals(new ConfigFile.Adaptation(Optional.of(0.6), Optional.of(0.8), Optional.of(0.5)), c.adaptation());
        assertEquals(ConfigFile.Adaptation.DEFAULTS, ConfigFile.read(config("engine: scripted\n")).adaptation());
        assertTrue(problem("adaptation:\n  bandLow: 0.9\n").getMessage().endsWith(
                ":2: adaptation: bandLow 0.9 must lie below bandHigh 0.85"));
        assertTrue(problem("adaptation:\n  bandHigh: 1\n").getMessage().contains(
                ":2: adaptation.bandHigh: must lie strictly between 0 and 1, was 1"));
        assertTrue(problem("adaptation:\n  maxDifficulty: high\n").getMessage().contains(
                ":2: adaptation.maxDifficulty: must be a number from 0 to 1, was 'high'"));
    }

    @Test
    void anApiKeyInTheFileIsRefusedWithoutRepeatingIt() throws IOException {
        InputException key = problem("server:\n  apiKey: sk-secret-123\n");
        assertTrue(key.getMessage().contains(":2: server.apiKey: unknown key; the API key never goes in this file"),
                key.getMessage());
        assertFalse(key.getMessage().contains("sk-secret"), key.getMessage());
        InputException pasted = problem("server:\n  apiKeyEnv: sk-secret-123\n");
        assertTrue(pasted.getMessage().contains(":2: server.apiKeyEnv: must be the name of an environment variable"),
                pasted.getMessage());
        assertFalse(pasted.getMessage().contains("sk-secret"), pasted.getMessage());
    }

    @Test
    void badValuesAreNamedWithLineAndKey() throws IOException {
        Path file = home.resolve(Home.CONFIG);
        assertEquals(file + ":2: engine: must be scripted, local or server, was 'bogus'",
                problem("# engine\nengine: bogus\n").getMessage());
        assertEquals(file + ":1: threads: must lie in [1, 256], was 0", problem("threads: 0\n").getMessage());
        assertEquals(file + ":1: threads: must be a whole number from 1 to 256, was 'two'",
                problem("threads: two\n").getMessage());
        assertEquals(file + ":1: difficulty: must lie in [0, 1], was 1.5", problem("difficulty: 1.5\n").getMessage());
        assertEquals(file + ":2: latency.mode: must be filler, hybrid or off, was 'fast'",
                problem("latency:\n  mode: fast\n").getMessage());
        assertEquals(file + ":1: latency: must be a map with the keys mode, budgetMs",
                problem("latency: hybrid\n").getMessage());
        assertEquals(file + ":1: model: has no value", problem("model:\n").getMessage());
        assertTrue(problem("server:\n  url: localhost:8080\n").getMessage().startsWith(file + ":2: server.url: "
                + "must be an http or https URL"));
        assertTrue(problem("engine: local\nengine: server\n").getMessage().contains(":2: is not valid YAML: "
                + "Duplicate field 'engine'"));
        assertTrue(problem("- engine\n").getMessage().startsWith(file + ":1: must be a map of settings"));
    }

    @Test
    void theCommandLineOverridesTheFileAndABadFileStopsPractice() throws IOException {
        Path script = Files.writeString(home.resolve("one.txt"), "A tea, please.\n");
        config("engine: scripted\ndifficulty: 0.8\n");
        ObjectMapper json = new ObjectMapper();
        CliRun.Result fromFile = CliRun.run(home, "practice", "coffee-order", "--script", script.toString(), "--json");
        assertEquals(0, fromFile.code(), fromFile::toString);
        JsonNode report = json.readTree(fromFile.out());
        assertEquals(0.8, report.path("difficulty").asDouble(), 1e-9);
        assertEquals("scripted", report.path("engine").path("kind").asText());

        CliRun.Result overridden = CliRun.run(home, "practice", "coffee-order", "--script", script.toString(),
                "--json", "--difficulty", "0.2");
        assertEquals(0, overridden.code(), overridden::toString);
        assertEquals(0.2, json.readTree(overridden.out()).path("difficulty").asDouble(), 1e-9);

        config("engine: local\n");
        CliRun.Result scripted = CliRun.run(home, "practice", "coffee-order", "--engine", "scripted", "--script",
                script.toString());
        assertEquals(0, scripted.code(), scripted::toString);
        assertTrue(scripted.out().contains("\nEngine: scripted (authored lines)\n"), scripted::toString);

        config("engine: local\nlatency:\n  mode: sometimes\n");
        CliRun.Result bad = CliRun.run(home, "practice", "coffee-order", "--script", script.toString());
        assertEquals(2, bad.code(), bad::toString);
        assertEquals("trinn: " + home.resolve(Home.CONFIG).toAbsolutePath() + ":3: latency.mode: must be filler, "
                + "hybrid or off, was 'sometimes'\n", bad.err());
        assertEquals("", bad.out());
    }

    @Test
    void aClinicsDatabaseIsNamedWithoutItsPassword() throws IOException {
        Path file = config("""
                store:
                  url: jdbc:postgresql://db.clinic.local/trinn?sslmode=require
                  user: trinn
                  passwordEnv: TRINN_DB_PASSWORD
                """);
        ConfigFile.Store store = ConfigFile.read(file).store().orElseThrow();
        assertEquals("jdbc:postgresql://db.clinic.local/trinn?sslmode=require", store.url());
        assertEquals(Optional.of("trinn"), store.user());
        assertEquals(Optional.of("TRINN_DB_PASSWORD"), store.passwordEnv());
        assertEquals(Optional.empty(), ConfigFile.read(config("engine: local\n")).store());

        String secret = "hunter2-xyz";
        for (String yaml : java.util.List.of("store:\n  url: jdbc:postgresql://db/trinn\n  password: " + secret,
                "store:\n  url: jdbc:postgresql://db/trinn?password=" + secret,
                "store:\n  url: jdbc:postgresql://db/trinn\n  passwordEnv: " + secret + "!")) {
            InputException e = problem(yaml);
            assertTrue(e.getMessage().contains(":2: store.") || e.getMessage().contains(":3: store."),
                    e.getMessage());
            assertTrue(e.getMessage().contains("password"), e.getMessage());
            assertFalse(e.getMessage().contains(secret), e.getMessage());
        }
        assertEquals(file + ":1: store: has no url; give the database's JDBC URL, e.g. "
                + "'url: jdbc:postgresql://db.clinic.local/trinn'", problem("store:\n  user: trinn\n").getMessage());
        assertTrue(problem("store:\n  url: jdbc:mysql://db/trinn\n").getMessage()
                .startsWith(file + ":2: store.url: must be a PostgreSQL JDBC URL"));
    }
}
