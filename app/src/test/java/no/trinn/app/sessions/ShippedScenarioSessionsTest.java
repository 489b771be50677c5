package no.trinn.app.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.trinn.agents.dialogue.IntentMatcher;
import no.trinn.agents.dialogue.ScriptedChatModel;
import no.trinn.agents.dialogue.ScriptedEngine;
import no.trinn.agents.safety.SafetyCheck;
import no.trinn.agents.session.Feedback;
import no.trinn.agents.session.PracticeSession;
import no.trinn.agents.session.SessionSetup;
import no.trinn.core.Clock;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.TurnRecord;
import no.trinn.models.MiniLmEmbedder;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.testkit.RecordingObserver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped scenario, played by two scripted clients with the real embedding model, scripted engine and safety
 * check: one who goes straight for the goal, one who wanders off at least twice and is brought back.
 */
class ShippedScenarioSessionsTest {
    private static final double DIFFICULTY = 0.3;
    private static ScriptedChatModel engine;
    private static SafetyCheck safety;

    @BeforeAll
    static void load() {
        MiniLmEmbedder embedder = new MiniLmEmbedder();
        engine = new ScriptedChatModel(new ScriptedEngine(new IntentMatcher(embedder)));
        safety = new SafetyCheck(embedder);
    }

    static Stream<Scenario> scenarios() {
        return ScenarioLibrary.shipped().all().stream();
    }

    private record Played(PracticeSession session, RecordingObserver events, String transcript) {
    }

    private static Played play(Scenario scenario, String kind) throws IOException {
        RecordingObserver events = new RecordingObserver();
        PracticeSession session = new PracticeSession(new SessionSetup("test-" + scenario.id(), scenario, "tester",
                DIFFICULTY, BehaviourParameters.standard().valuesFor(scenario.characters().getFirst(), DIFFICULTY)),
                engine, safety, Clock.system(), List.of(events));
        StringBuilder transcript = new StringBuilder();
        session.open().forEach(f -> transcript.append("  < ").append(f).append('\n'));
        for (String line : script(scenario.id() + "." + kind + ".txt")) {
            if (session.ended()) {
                transcript.append("  (ended before: ").append(line).append(")\n");
                break;
            }
            transcript.append("  > ").append(line).append('\n');
            session.say(line).forEach(f -> transcript.append("  < ").append(f).append('\n'));
        }
        return new Played(session, events, transcript.toString());
    }

    private static List<String> script(String name) throws IOException {
        try (InputStream in = ShippedScenarioSessionsTest.class.getResourceAsStream("/scripts/" + name)) {
            if (in == null) {
                throw new IOException("missing client script scripts/" + name);
            }
            List<String> lines = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = l.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    lines.add(t);
                }
            }
            return lines;
        }
    }

    private static void assertReachedTheGoal(Scenario scenario, Played p) {
        assertTrue(p.session().ended(), scenario.id() + " did not end:\n" + p.transcript());
        SessionEvent.Ended ended = p.events().events(SessionEvent.Ended.class).getFirst();
        assertEquals("completed", ended.reason(), p.transcript());
        assertTrue(ended.summary().goalMet(), scenario.id() + " missed " + ended.summary().goalStepsMissed() + ":\n"
                + p.transcript());
        // strengths first: the goal's own praise leads, and the list stays short enough to take in
        List<String> strengths = ended.summary().strengths();
        assertEquals(scenario.goal().steps().getFirst().strength(), strengths.getFirst());
        assertTrue(strengths.size() <= Feedback.MAX_STRENGTHS, strengths.toString());
        assertTrue(p.events().events(SessionEvent.SafetyRaised.class).isEmpty(),
                "a safety event in an ordinary script:\n" + p.transcript());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aClientWhoGoesForTheGoalReachesIt(Scenario scenario) throws IOException {
        assertReachedTheGoal(scenario, play(scenario, "goal"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aClientWhoWandersOffIsBroughtBackAndReachesTheGoal(Scenario scenario) throws IOException {
        Played p = play(scenario, "wander");
        List<TurnRecord> turns = p.session().turns();
        long reprompted = turns.stream().filter(t -> t.intent().isEmpty() && !t.characterText().isEmpty()).count();
        assertTrue(reprompted >= 2, "only " + reprompted + " off-topic turns were reprompted:\n" + p.transcript());
        for (TurnRecord t : turns) {
            if (t.intent().isEmpty()) {
                assertEquals(t.stateBefore(), t.stateAfter(), "an off-topic turn moved the conversation");
            }
        }
        assertReachedTheGoal(scenario, p);
    }
}
