package no.trinn.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.trinn.app.bench.GoalWalk;
import no.trinn.app.bench.VoiceBench;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark runs and prints its figures; the figures themselves are not asserted (they depend on the machine). */
class BenchCommandTest {
    @TempDir
    Path home;

    @Test
    void goalWalkFollowsTheFirstIntentThatLeadsOn() {
        Scenario coffee = ScenarioLibrary.shipped().require("coffee-order");
        assertEquals(List.of("A coffee, please.", "Small, please.", "By card."), GoalWalk.lines(coffee).orElseThrow());
    }

    @Test
    void everyShippedScenarioHasAWalkToItsEnd() {
        for (Scenario s : ScenarioLibrary.shipped().all()) {
            assertTrue(GoalWalk.lines(s).isPresent(), s.id());
        }
    }

    @Test
    void benchTextPrintsItsFiguresAndLeavesTheHistoryAlone() {
        CliRun.Result r = CliRun.run(home, "bench", "text", "--seconds", "1");
        assertEquals(0, r.code(), r::toString);
        for (String figure : new String[] {"machine: ", "first character line: ", "ms after JVM start",
            "turn latency (client line in, reply out)", "p50 ", "p95 ", "max ", "complete scripted sessions: ",
            "per minute"}) {
            assertTrue(r.out().contains(figure), () -> figure + " missing:\n" + r);
        }
        assertFalse(r.out().contains("did not reach the end"), r::toString);
        assertFalse(Files.exists(home.resolve("trinn.db")), "the benchmark must not write the user's history");
    }

    @Test
    void secondsOutOfRangeIsBadUsage() {
        CliRun.Result r = CliRun.run(home, "bench", "text", "--seconds", "0");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--seconds must lie in [1, 3600], was 0"), r::toString);
    }

    @Test
    void benchLlmMeasuresARandomWeightModelThroughLlamaCpp() {
        CliRun.Result r = CliRun.run(home, "bench", "llm", "--random", "tiny:Q8_0", "--tokens", "6", "--threads", "1");
        assertEquals(0, r.code(), r::toString);
        for (String figure : new String[] {"load", "first", "follow-up", "tok/s", "peak"}) {
            assertTrue(r.out().toLowerCase(java.util.Locale.ROOT).contains(figure), () -> figure + " missing:\n" + r);
        }
    }

    @Test
    void benchLlmNeedsExactlyOneModelAndNamesAnUnknownPreset() {
        CliRun.Result none = CliRun.run(home, "bench", "llm");
        assertEquals(2, none.code(), none::toString);
        assertTrue(none.err().contains("give either --model FILE or --random PRESET[:TYPE]"), none::toString);
        CliRun.Result unknown = CliRun.run(home, "bench", "llm", "--random", "gpt-9");
        assertEquals(2, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("unknown preset gpt-9"), unknown::toString);
    }

    @Test
    void benchVoicePrintsItsFiguresBesideTheTargetsAndLeavesTheHistoryAlone() {
        Path models = VoicePracticeTest.models();
        CliRun.Result r = CliRun.runBare(Map.of(Home.MODELS_VARIABLE, models.toString()), new byte[0],
                "--home", home.toString(), "bench", "voice", "--rounds", "1");
        Assumptions.assumeFalse(r.code() == Cli.USAGE && r.err().contains("espeak-ng"), r::toString);
        assertEquals(0, r.code(), r::toString);
        for (String figure : new String[] {"machine: ", "voice activity: ", "% of one core", "recognizer: real-time "
            + "factor", "final-result delay", "agent reply time (say() in, reply out)", "synthesis: first audio of "
            + "the first clause", "end-of-turn delay after the client stops speaking", "voice response latency "
            + "(end-of-turn decision to first audio out)", "p50 ", "p95 ", "target", "sessions that reached the "
            + "goal: 1 of 1", "echo canceller, room delay ", "ERLE ", "per 20 ms chunk"}) {
            assertTrue(r.out().contains(figure), () -> figure + " missing:\n" + r);
        }
        assertFalse(Files.exists(home.resolve("trinn.db")), "the benchmark must not write the user's history");
    }

    @Test
    void benchVoiceSpeaksTheCoffeeOrderVoiceScript() throws IOException {
        Path script = PracticeCommandTest.script(home, "coffee-order.voice.txt");
        assertEquals(Files.readAllLines(script).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList(),
                VoiceBench.LINES);
    }

    @Test
    void roundsOutOfRangeIsBadUsage() {
        CliRun.Result r = CliRun.run(home, "bench", "voice", "--rounds", "0");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--rounds must lie in [1, 100], was 0"), r::toString);
    }
}
