package no.trinn.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.trinn.core.session.Decision;
import no.trinn.core.session.SessionEvent;
import no.trinn.store.SessionResult;
import no.trinn.store.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions through the command line with the real scripted engine and store: the ladder picks the scenario, the
 * controller's decisions are recorded inside the therapist's caps, the client model is kept, confidence and the task
 * follow-up are stored.
 */
class AdaptivePracticeTest {
    private static final Pattern SAVED = Pattern.compile("Session (\\S+) is saved");

    @TempDir
    Path home;

    private static String savedId(CliRun.Result r) {
        Matcher m = SAVED.matcher(r.out());
        assertTrue(m.find(), r::toString);
        return m.group(1);
    }

    private List<SessionEvent.Decided> decisions(String session) {
        try (SessionStore store = SessionStore.open(home.resolve("trinn.db"))) {
            return store.decisions(session);
        }
    }

    @Test
    void withoutAnIdTheLadderChoosesAndEveryDecisionStaysInsideTheTherapistsCap() throws IOException {
        assertEquals(0, CliRun.run(home, "client", "set", "p-ad", "--cap", "difficulty=0..0.25").code());
        Path goal = PracticeCommandTest.script(home, "supermarket-checkout.goal.txt");
        CliRun.Result first = CliRun.run(home, "practice", "--client", "p-ad", "--script", goal.toString(),
                "--confidence-before", "2", "--confidence-after", "3");
        assertEquals(0, first.code(), first::toString);
        assertTrue(first.out().contains("supermarket-checkout") || first.out().contains("Supermarket"),
                first::toString);
        String id = savedId(first);
        List<SessionEvent.Decided> made = decisions(id);
        List<Decision> within = made.stream().map(SessionEvent.Decided::decision)
                .filter(d -> d.scope() == Decision.Scope.WITHIN_SESSION).toList();
        assertTrue(within.size() >= 2, made::toString);
        for (Decision d : within) {
            double difficulty = d.after().get("difficulty");
            assertTrue(difficulty >= 0 && difficulty <= 0.25, d::toString);
            assertTrue(d.inputs().containsKey("success"), d::toString);
        }
        Decision next = made.getLast().decision();
        assertEquals(Decision.Scope.BETWEEN_SESSIONS, next.scope());
        assertTrue(next.after().get("difficulty") <= 0.25, next::toString);

        CliRun.Result second = CliRun.run(home, "practice", "--client", "p-ad", "--script", goal.toString(),
                "--task-outcome", "tried");
        assertEquals(0, second.code(), second::toString);
        String secondId = savedId(second);
        try (SessionStore store = SessionStore.open(home.resolve("trinn.db"))) {
            List<SessionResult> results = store.results("p-ad");
            assertEquals(List.of(secondId, id), results.stream().map(SessionResult::id).toList());
            SessionResult older = results.get(1);
            assertEquals(OptionalInt.of(2), older.confidenceBefore());
            assertEquals(OptionalInt.of(3), older.confidenceAfter());
            assertTrue(older.score().isPresent());
            assertEquals(Optional.of(SessionEvent.TaskOutcome.TRIED), results.get(0).taskOutcome());
            assertEquals(next.nextScenario().orElseThrow(), results.get(0).scenarioId(),
                    "the second session is the one the ladder chose");
            assertTrue(!store.levels("p-ad").isEmpty());
        }

        CliRun.Result history = CliRun.run(home, "history", "--client", "p-ad", "--decisions");
        assertEquals(0, history.code(), history::toString);
        assertTrue(history.out().contains("Session " + id), history::toString);
        assertTrue(history.out().contains("after turn 1: "), history::toString);
        assertTrue(history.out().contains("next session: "), history::toString);
    }

    @Test
    void aFixedDifficultyIsNeverMovedButTheSessionIsStillAssessed() throws IOException {
        Path goal = PracticeCommandTest.script(home, "coffee-order.goal.txt");
        CliRun.Result r = CliRun.run(home, "practice", "coffee-order", "--client", "p-fx", "--difficulty", "0.6",
                "--script", goal.toString());
        assertEquals(0, r.code(), r::toString);
        List<Decision> within = decisions(savedId(r)).stream().map(SessionEvent.Decided::decision)
                .filter(d -> d.scope() == Decision.Scope.WITHIN_SESSION).toList();
        assertTrue(!within.isEmpty());
        within.forEach(d -> assertEquals(0.6, d.after().get("difficulty"), 1e-9, d::toString));
        try (SessionStore store = SessionStore.open(home.resolve("trinn.db"))) {
            assertEquals(0.6, store.results("p-fx").getFirst().score().orElseThrow().endDifficulty(), 1e-9);
        }
    }

    @Test
    void theHomeFoldersCapNarrowsEveryClientsDifficulty() throws IOException {
        java.nio.file.Files.writeString(home.resolve("config.yaml"), "adaptation:\n  maxDifficulty: 0.1\n");
        Path goal = PracticeCommandTest.script(home, "coffee-order.goal.txt");
        CliRun.Result r = CliRun.run(home, "practice", "coffee-order", "--client", "p-cap", "--script",
                goal.toString());
        assertEquals(0, r.code(), r::toString);
        List<SessionEvent.Decided> made = decisions(savedId(r));
        assertTrue(!made.isEmpty());
        made.forEach(d -> assertTrue(d.decision().after().getOrDefault("difficulty", 0.0) <= 0.1, d::toString));
    }

    @Test
    void badRatingsAndOutcomesAreRefusedBeforeAnythingIsRecorded() {
        String[][] bad = {{"--confidence-before", "6"}, {"--confidence-after", "0"}, {"--task-outcome", "maybe"}};
        for (String[] b : bad) {
            CliRun.Result r = CliRun.run(home, "practice", "coffee-order", "--client", "p-bad", b[0], b[1]);
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().contains(b[0]), r::toString);
        }
        assertTrue(!home.resolve("trinn.db").toFile().exists());
    }
}
