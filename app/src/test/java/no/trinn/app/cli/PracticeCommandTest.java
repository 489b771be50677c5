package no.trinn.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.trinn.store.SessionOverview;
import no.trinn.store.SessionStatus;
import no.trinn.store.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PracticeCommandTest {
    private static final Pattern SAVED = Pattern.compile("Session (\\S+) is saved");

    @TempDir
    Path home;

    static Path script(Path folder, String name) throws IOException {
        try (InputStream in = PracticeCommandTest.class.getResourceAsStream("/scripts/" + name)) {
            assertTrue(in != null, "test resource scripts/" + name + " is missing");
            return Files.write(folder.resolve(name), in.readAllBytes());
        }
    }

    @Test
    void goalScriptOfCoffeeOrderReachesTheGoalWithTranscriptAndSummary() throws IOException {
        Path script = script(home, "coffee-order.goal.txt");
        CliRun.Result r = CliRun.run(home, "practice", "coffee-order", "--client", "p-017", "--script",
                script.toString());
        assertEquals(0, r.code(), r::toString);
        String out = r.out();
        assertTrue(out.startsWith("Buying a coffee  (coffee-order, tier 3, en)\nSetting: A small, quiet café"),
                r::toString);
        assertTrue(out.contains("Goal: Order a drink, answer the barista's question and pay."), r::toString);
        List<String> transcript = out.lines().filter(l -> l.startsWith("You: ") || l.startsWith("Sam (barista): "))
                .toList();
        assertEquals(List.of("Sam", "You", "Sam", "You", "Sam", "You", "Sam"),
                transcript.stream().map(l -> l.substring(0, 3)).toList(), r::toString);
        assertEquals("You: Could I have a cappuccino, please?", transcript.get(1));
        assertEquals("You: A small one, please.", transcript.get(3));
        assertEquals("You: I'll pay by card.", transcript.get(5));
        assertTrue(transcript.get(6).contains("Just tap the card here."), r::toString);
        int feedback = out.indexOf("\nFeedback\n");
        assertTrue(feedback > out.indexOf(transcript.get(6)), r::toString);
        assertTrue(out.contains("Goal: Order a drink, answer the barista's question and pay. (3/3)"), r::toString);
        assertTrue(out.contains("You answered the barista's question."), r::toString);
        assertTrue(out.contains("Next time you pass a café"), r::toString);
        assertTrue(SAVED.matcher(out).find(), r::toString);
        assertEquals("", r.err());
        assertOneSessionMetTheGoal(home, "p-017", 3);
    }

    /** The store in {@code home} holds one ended session of {@code alias}, which met its goal in {@code turns}. */
    static void assertOneSessionMetTheGoal(Path home, String alias, int turns) {
        try (SessionStore store = SessionStore.open(home.resolve("trinn.db"))) {
            List<SessionOverview> sessions = store.sessions(alias);
            assertEquals(1, sessions.size());
            assertEquals(SessionStatus.ENDED, sessions.getFirst().status());
            assertTrue(sessions.getFirst().goalMet());
            assertEquals(turns, sessions.getFirst().turns());
        }
    }

    @Test
    void jsonReportHasTheTurnsIntentsAndSummary() throws IOException {
        Path script = script(home, "coffee-order.goal.txt");
        CliRun.Result r = CliRun.run(home, "practice", "coffee-order", "--script", script.toString(), "--json",
                "--difficulty", "0.1");
        assertEquals(0, r.code(), r::toString);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("coffee-order", json.path("scenario").path("id").asText());
        assertEquals("anonymous", json.path("client").asText());
        assertEquals(0.1, json.path("difficulty").asDouble(), 1e-9);
        assertFalse(json.path("sessionId").asText().isBlank());
        assertFalse(json.path("openingLine").asText().isBlank());
        assertEquals("completed", json.path("endReason").asText());
        JsonNode turns = json.path("turns");
        assertEquals(3, turns.size(), r::toString);
        List<String> intents = new ArrayList<>();
        turns.forEach(t -> intents.add(t.path("intent").asText()));
        assertEquals(List.of("order_drink", "choose_size", "pay_card"), intents);
        assertEquals("order", turns.get(0).path("stateBefore").asText());
        assertEquals("size", turns.get(0).path("stateAfter").asText());
        assertEquals("ordered", turns.get(0).path("goalSteps").get(0).asText());
        for (JsonNode t : turns) {
            assertTrue(t.path("confidence").asDouble() >= 0.6, t::toString);
            assertTrue(t.path("processingMs").asDouble() > 0, t::toString);
            assertTrue(t.path("words").asInt() > 0, t::toString);
            assertTrue(t.has("responseMs") && t.has("repair") && t.has("question"), t::toString);
        }
        assertTrue(turns.get(0).path("question").asBoolean(), "'Could I have ...?' is a question");
        assertEquals(0, json.path("safetyEvents").size());
        assertTrue(json.path("summary").path("goalMet").asBoolean());
        assertEquals(3, json.path("summary").path("goalStepsMet").size());
        assertTrue(json.path("timings").path("modelLoadMs").asLong() > 0);
        assertTrue(json.path("timings").path("timeToFirstLineMs").asLong() > 0);
    }

    @Test
    void hostileInputOnStandardInputEndsCleanlyAndIsRecorded() throws IOException {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.write("\n".getBytes(StandardCharsets.UTF_8));
        input.write("   \t  \n".getBytes(StandardCharsets.UTF_8));
        input.write(("coffee please ".repeat(715).substring(0, 10_000) + "\n").getBytes(StandardCharsets.UTF_8));
        input.write(new byte[] {'h', 'i', ' ', (byte) 0xC3, (byte) 0x28, ' ', (byte) 0xFF, (byte) 0xFE, ' ',
            (byte) 0xE2, (byte) 0x82, '\n'});
        input.write("☕️ 😀 👍🏽 a latte please 🙏\n".getBytes(StandardCharsets.UTF_8));
        input.write("Kan jeg få en kaffe, please? Small, takk.\n".getBytes(StandardCharsets.UTF_8));
        input.write(new byte[] {0, 1, 2, 27, '[', '3', '1', 'm', '\n'});
        input.write("/nonsense\n/repeat\n".getBytes(StandardCharsets.UTF_8));
        Path script = Files.write(home.resolve("hostile.txt"), input.toByteArray());

        CliRun.Result piped = CliRun.run(home, input.toByteArray(), "practice", "coffee-order", "--client",
                "hostile-1");
        assertEquals(0, piped.code(), piped::toString);
        assertTrue(piped.out().contains("You: (silence)"), piped::toString);
        assertTrue(piped.out().contains("Unknown command /nonsense"), piped::toString);
        assertTrue(piped.out().contains("\nFeedback\n"), piped::toString);
        assertFalse(piped.out().contains("\uFFFD"), "malformed bytes are dropped:\n" + piped);

        CliRun.Result scripted = CliRun.run(home, "practice", "coffee-order", "--client", "hostile-2", "--script",
                script.toString(), "--json");
        assertEquals(0, scripted.code(), scripted::toString);
        JsonNode json = new ObjectMapper().readTree(scripted.out());
        for (JsonNode turn : json.path("turns")) {
            assertTrue(turn.path("client").asText().length() <= 2_000, "client text is bounded");
            assertFalse(turn.path("client").asText().contains("\uFFFD"));
            assertFalse(turn.path("client").asText().chars().anyMatch(c -> c < 0x20), "no control characters");
        }

        try (SessionStore store = SessionStore.open(home.resolve("trinn.db"))) {
            List<SessionOverview> piped1 = store.sessions("hostile-1");
            assertEquals(1, piped1.size());
            assertEquals(SessionStatus.ENDED, piped1.getFirst().status());
            assertTrue(piped1.getFirst().turns() >= 5, () -> piped1.getFirst().toString());
            assertEquals(1, store.sessions("hostile-2").size());
        }
    }

    @Test
    void historyListsSessionsNewestFirstAndShowsOneTranscript() throws IOException {
        Path goal = script(home, "coffee-order.goal.txt");
        Path shortScript = Files.writeString(home.resolve("short.txt"), "# just orders\nA tea, please.\n");
        CliRun.Result first = CliRun.run(home, "practice", "coffee-order", "--client", "hist.1", "--script",
                goal.toString());
        assertEquals(0, first.code(), first::toString);
        CliRun.Result second = CliRun.run(home, "practice", "coffee-order", "--client", "hist.1", "--script",
                shortScript.toString());
        assertEquals(0, second.code(), second::toString);
        CliRun.Result other = CliRun.run(home, "practice", "greet-neighbour", "--client", "someone-else",
                "--script", shortScript.toString());
        assertEquals(0, other.code(), other::toString);

        CliRun.Result list = CliRun.run(home, "history", "--client", "hist.1");
        assertEquals(0, list.code(), list::toString);
        List<String> lines = list.out().lines().toList();
        List<String> rows = lines.subList(0, lines.indexOf(""));
        assertEquals(3, rows.size(), list::toString);
        assertTrue(lines.contains("Estimated level (0 easiest .. 1 hardest, +/- one standard deviation):"),
                list::toString);
        assertTrue(lines.stream().anyMatch(l -> l.matches("  tier3: 0\\.\\d\\d \\+/- 0\\.\\d\\d \\(4 turns\\)")),
                list::toString);
        assertTrue(rows.get(0).matches("DATE\\s+SCENARIO\\s+STATUS\\s+TURNS\\s+GOAL\\s+SAFETY\\s+SESSION"),
                list::toString);
        assertTrue(rows.get(1).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+coffee-order\\s+quit\\s+1\\s+1/3\\s+0\\s+"
                + Pattern.quote(savedId(second)) + "$"), list::toString);
        assertTrue(rows.get(2).matches(".*coffee-order\\s+completed\\s+3\\s+3/3\\s+0\\s+"
                + Pattern.quote(savedId(first)) + "$"), list::toString);

        CliRun.Result one = CliRun.run(home, "history", "--client", "hist.1", "--session", savedId(first));
        assertEquals(0, one.code(), one::toString);
        assertTrue(one.out().contains("completed"), one::toString);
        assertTrue(one.out().contains("You: Could I have a cappuccino, please?"), one::toString);
        assertTrue(one.out().contains("Sam (barista): "), one::toString);
        assertTrue(one.out().contains("(3/3)"), one::toString);

        CliRun.Result notTheirs = CliRun.run(home, "history", "--client", "someone-else", "--session",
                savedId(first));
        assertEquals(2, notTheirs.code(), notTheirs::toString);
        assertTrue(notTheirs.err().contains("no session '" + savedId(first) + "' for this client"),
                notTheirs::toString);
    }

    @Test
    void unknownScenarioSuggestsCloseIds() {
        CliRun.Result r = CliRun.run(home, "practice", "coffee");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("trinn: unknown scenario 'coffee'; did you mean: coffee-order"), r::toString);
        assertFalse(Files.exists(home.resolve("trinn.db")), "nothing is recorded for bad input");
    }

    @Test
    void invalidAliasIsBadInputAndIsNotRepeated() {
        CliRun.Result r = CliRun.run(home, "practice", "coffee-order", "--client", "Kari Nordmann");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("trinn: --client: client alias has a character that is not allowed"),
                r::toString);
        assertFalse(r.err().contains("Kari"), "the alias may be a real name: never echo it");
        CliRun.Result history = CliRun.run(home, "history", "--client", "");
        assertEquals(2, history.code(), history::toString);
    }

    @Test
    void badDifficultyAndMissingScriptAreBadInput() {
        CliRun.Result high = CliRun.run(home, "practice", "coffee-order", "--difficulty", "1.5");
        assertEquals(2, high.code(), high::toString);
        assertTrue(high.err().contains("--difficulty must lie in [0, 1], was 1.5"), high::toString);
        CliRun.Result word = CliRun.run(home, "practice", "coffee-order", "--difficulty", "hard");
        assertEquals(2, word.code(), word::toString);
        CliRun.Result script = CliRun.run(home, "practice", "coffee-order", "--script",
                home.resolve("missing.txt").toString());
        assertEquals(2, script.code(), script::toString);
        assertTrue(script.err().contains("missing.txt does not exist"), script::toString);
    }

    private static String savedId(CliRun.Result r) {
        Matcher m = SAVED.matcher(r.out());
        assertTrue(m.find(), r::toString);
        return m.group(1);
    }
}
