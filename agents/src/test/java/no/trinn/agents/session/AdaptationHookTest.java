package no.trinn.agents.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.agents.TestScenarios;
import no.trinn.agents.dialogue.IntentMatcher;
import no.trinn.agents.dialogue.ScriptedChatModel;
import no.trinn.agents.dialogue.ScriptedEngine;
import no.trinn.agents.dialogue.TurnRequestParameters;
import no.trinn.agents.safety.SafetyCheck;
import no.trinn.core.session.Decision;
import no.trinn.core.session.LevelEstimate;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionScore;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;
import no.trinn.models.MiniLmEmbedder;
import no.trinn.testkit.ManualClock;
import no.trinn.testkit.RecordingObserver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The session asks its adaptation after each answered turn and at the end, and the character follows it. */
class AdaptationHookTest {
    private static ScriptedChatModel scripted;
    private static SafetyCheck safety;

    @BeforeAll
    static void load() {
        MiniLmEmbedder embedder = new MiniLmEmbedder();
        scripted = new ScriptedChatModel(new ScriptedEngine(new IntentMatcher(embedder)));
        safety = new SafetyCheck(embedder);
    }

    /** Raises the difficulty by 0.1 after every turn, and remembers what it was shown. */
    private static final class Stepper implements Adaptation {
        final List<TurnRecord> seen = new ArrayList<>();
        double difficulty = 0.2;
        boolean ended;

        @Override
        public Decision afterTurn(TurnRecord turn) {
            seen.add(turn);
            double before = difficulty;
            difficulty = Math.min(1, difficulty + 0.1);
            Map<String, Double> after = new LinkedHashMap<>();
            after.put("difficulty", difficulty);
            after.put("warmth", 1 - difficulty);
            return new Decision(Decision.Scope.WITHIN_SESSION, turn.index(), Map.of("difficulty", before), after,
                    Map.of("success", 1.0), "test step", Optional.empty());
        }

        @Override
        public Ending sessionEnded(List<TurnRecord> turns, SessionSummary summary, boolean completed) {
            ended = true;
            return new Ending(new SessionScore(completed ? 1 : 0, 0.5, 100, 0.2, difficulty),
                    List.of(new LevelEstimate("tier1", 0.4, 0.2, turns.size())),
                    Optional.of(new Decision(Decision.Scope.BETWEEN_SESSIONS, -1, Map.of(), Map.of(),
                            Map.of("turns", (double) turns.size()), "stay", Optional.of("kiosk"))));
        }
    }

    /** The scripted engine, noting the behaviour values each request carried into {@code asked}. */
    private static ChatModel recording(List<Map<String, Double>> asked) {
        return new ChatModel() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                asked.add(TurnRequestParameters.require(request.parameters(), "test").behaviour());
                return scripted.chat(request);
            }
        };
    }

    @Test
    void anAdjustmentBetweenTurnsAppliesFromTheNextTurnAndIsPublished() {
        List<Map<String, Double>> asked = new ArrayList<>();
        ChatModel recording = recording(asked);
        RecordingObserver events = new RecordingObserver();
        PracticeSession session = new PracticeSession(new SessionSetup("s-2", TestScenarios.kiosk(), "client-7", 0.2,
                TestScenarios.easy()), recording, safety, new ManualClock(), List.of(events), Optional.empty());
        session.open();
        session.pause("therapist");
        Decision warmer = new Decision(Decision.Scope.WITHIN_SESSION, 0, Map.of("warmth", 0.8), Map.of("warmth", 1.0),
                Map.of(), "therapist", Optional.empty());
        session.adjust(warmer);
        session.resume();
        session.say("Could I have a coffee, please?");
        assertEquals(1.0, asked.getLast().get("warmth"), 1e-9);
        assertTrue(events.events().contains(new SessionEvent.Decided("s-2", events.events().stream()
                .filter(e -> e instanceof SessionEvent.Decided).findFirst().orElseThrow().at(), warmer)));
        assertThrows(IllegalArgumentException.class, () -> session.adjust(
                new Decision(Decision.Scope.BETWEEN_SESSIONS, -1, Map.of(), Map.of(), Map.of(), "x",
                        Optional.empty())));
    }

    @Test
    void decisionsAreAppliedFromTheNextTurnAndTheEndIsAssessedBeforeItIsAnnounced() {
        List<Map<String, Double>> asked = new ArrayList<>();
        ChatModel recording = recording(asked);
        RecordingObserver events = new RecordingObserver();
        Stepper stepper = new Stepper();
        PracticeSession session = new PracticeSession(new SessionSetup("s-1", TestScenarios.kiosk(), "client-7", 0.2,
                TestScenarios.easy()), recording, safety, new ManualClock(), List.of(events), Optional.of(stepper));
        session.open();
        session.say("Could I have a coffee, please?");
        assertEquals(0.3, session.behaviour().get("difficulty"), 1e-9);
        assertEquals(TestScenarios.easy().get("complexity"), session.behaviour().get("complexity"),
                "values not decided are kept");
        session.say("I'm feeling hopeless, I want to die");
        assertEquals(1, stepper.seen.size(), "a turn handled out of role is not shown to the adaptation");
        session.resume();
        session.say("Large, please.");
        session.end("quit");

        assertEquals(0.2, asked.get(0).get("difficulty"), 1e-9, "the opening uses the setup");
        assertEquals(0.2, asked.get(1).get("difficulty"), 1e-9, "the first turn too");
        assertEquals(0.3, asked.get(2).get("difficulty"), 1e-9, "the decision after turn 0 applies to the next");
        assertEquals(0.7, asked.get(2).get("warmth"), 1e-9);
        assertTrue(stepper.ended);

        List<SessionEvent> all = events.events();
        List<Class<?>> tail = all.subList(all.size() - 3, all.size()).stream().<Class<?>>map(Object::getClass)
                .toList();
        assertEquals(List.of(SessionEvent.Assessed.class, SessionEvent.Decided.class, SessionEvent.Ended.class),
                tail);
        SessionEvent.Decided next = assertInstanceOf(SessionEvent.Decided.class, all.get(all.size() - 2));
        assertEquals(Decision.Scope.BETWEEN_SESSIONS, next.decision().scope());
        long within = all.stream().filter(e -> e instanceof SessionEvent.Decided d
                && d.decision().scope() == Decision.Scope.WITHIN_SESSION).count();
        assertEquals(stepper.seen.size(), within, "one decision published per answered turn");
    }
}
