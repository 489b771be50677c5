package no.trinn.agents.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.agents.TestScenarios;
import no.trinn.agents.dialogue.IntentMatcher;
import no.trinn.agents.dialogue.ScriptedChatModel;
import no.trinn.agents.dialogue.ScriptedEngine;
import no.trinn.agents.safety.SafetyCheck;
import no.trinn.agents.session.PracticeSession;
import no.trinn.agents.session.SessionSetup;
import no.trinn.core.session.Bounds;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.SessionEvent;
import no.trinn.models.MiniLmEmbedder;
import no.trinn.scenarios.BehaviourParameters;
import no.trinn.scenarios.Ladder;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.testkit.ManualClock;
import no.trinn.testkit.RecordingObserver;
import org.junit.jupiter.api.Test;

/** The coach in a real session: the therapist's limits hold even when the character softens after distress. */
class AdaptiveCoachTest {
    @Test
    void softeningAfterASignOfDistressStaysInsideTheTherapistsLocksAndCaps() {
        MiniLmEmbedder embedder = new MiniLmEmbedder();
        Scenario scenario = TestScenarios.kiosk();
        ClientSettings settings = new ClientSettings(Map.of("difficulty", new Bounds(0.3, 0.6)),
                Map.of("warmth", 0.35), Map.of(), List.of());
        AdaptiveCoach coach = AdaptiveCoach.start(scenario, ClientModel.fresh(), settings, List.of(),
                Optional.empty(), new LadderPolicy(Ladder.standard(ScenarioLibrary.shipped()), LadderSettings.DEFAULT,
                        ControllerSettings.DEFAULT), ControllerSettings.DEFAULT);
        RecordingObserver events = new RecordingObserver();
        PracticeSession session = new PracticeSession(new SessionSetup("s-1", scenario, "client-7",
                coach.difficulty(), coach.behaviour()), new ScriptedChatModel(new ScriptedEngine(
                        new IntentMatcher(embedder))), new SafetyCheck(embedder), new ManualClock(), List.of(events),
                Optional.of(coach));
        session.open();
        assertEquals(0.35, session.behaviour().get("warmth"), 1e-9);
        session.say("I'm a bit nervous");
        assertTrue(events.events().stream().anyMatch(e -> e instanceof SessionEvent.SafetyRaised),
                "a mild sign was found");
        Map<String, Double> softened = session.behaviour();
        assertEquals(0.35, softened.get("warmth"), 1e-9, "the lock holds while softened");
        assertEquals(0.3, softened.get("difficulty"), 1e-9, "softened to the lowest difficulty allowed");
        Map<String, Double> unlimited = BehaviourParameters.standard().valuesFor(scenario.characters().getFirst(), 0);
        assertTrue(unlimited.get("warmth") > 0.35, "without the lock softening would warm the character up");
    }
}
