package no.trinn.agents.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.core.session.Bounds;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.Decision;
import no.trinn.scenarios.Ladder;
import no.trinn.scenarios.Ladder.Rung;
import no.trinn.scenarios.ScenarioLibrary;
import org.junit.jupiter.api.Test;

class LadderPolicyTest {
    private static final Ladder LADDER = new Ladder(Map.of("en", List.of(new Rung("a", 1, Optional.empty()),
            new Rung("b", 2, Optional.empty()), new Rung("c", 3, Optional.of("refusal")))));
    private static final LadderPolicy POLICY = new LadderPolicy(LADDER, LadderSettings.DEFAULT,
            ControllerSettings.DEFAULT);

    private static Decision next(List<SessionResult> history) {
        return next(history, ClientSettings.NONE);
    }

    private static Decision next(List<SessionResult> history, ClientSettings client) {
        return POLICY.next("en", history, ClientModel.fresh(), client);
    }

    private static SessionResult r(String id, double difficulty, double score) {
        return new SessionResult(id, difficulty, score, score >= 0.7);
    }

    @Test
    void aNewClientStartsOnTheFirstRungAtTheModelsDifficulty() {
        Decision d = next(List.of());
        assertEquals(Optional.of("a"), d.nextScenario());
        assertEquals(Decision.Scope.BETWEEN_SESSIONS, d.scope());
        assertEquals(-1, d.turnIndex());
        ClientModel model = ClientModel.fresh();
        assertEquals(model.difficultyFor("tier1", ControllerSettings.DEFAULT.bandCentre()),
                d.after().get("difficulty"), 1e-9);
        assertTrue(d.reason().startsWith("first session"), d.reason());
    }

    @Test
    void masteryTwiceAtDifficultyClimbsOneRung() {
        Decision d = next(List.of(r("a", 0.5, 0.85), r("a", 0.6, 0.9)));
        assertEquals(Optional.of("b"), d.nextScenario());
        assertTrue(d.reason().contains("up to 'b'"), d.reason());
        assertEquals(0.6, d.before().get("difficulty"));
        assertEquals(0.0, d.inputs().get("rung"));
        assertEquals(1.0, d.inputs().get("nextRung"));
    }

    @Test
    void masteryOnceOrAtLowDifficultyOrWithAnOtherScenarioBetweenStays() {
        assertEquals(Optional.of("a"), next(List.of(r("a", 0.6, 0.9))).nextScenario());
        assertEquals(Optional.of("a"), next(List.of(r("a", 0.3, 0.9), r("a", 0.4, 0.95))).nextScenario());
        assertEquals(Optional.of("a"), next(List.of(r("a", 0.6, 0.5), r("a", 0.6, 0.9))).nextScenario());
        // only sessions of the current scenario count: b's mastery does not lift a
        assertEquals(Optional.of("b"), next(List.of(r("a", 0.6, 0.9), r("a", 0.6, 0.9), r("b", 0.6, 0.9),
                r("b", 0.6, 0.5))).nextScenario());
    }

    @Test
    void aTherapistsLowCapLowersTheMasteryDifficulty() {
        ClientSettings capped = new ClientSettings(Map.of("difficulty", new Bounds(0, 0.4)), Map.of(), Map.of(),
                List.of());
        Decision d = next(List.of(r("a", 0.4, 0.9), r("a", 0.4, 0.85)), capped);
        assertEquals(Optional.of("b"), d.nextScenario());
        assertTrue(d.after().get("difficulty") <= 0.4);
    }

    @Test
    void strugglingTwiceAtTheLowestDifficultyStepsBack() {
        Decision d = next(List.of(r("b", 0.0, 0.3), r("b", 0.03, 0.1)));
        assertEquals(Optional.of("a"), d.nextScenario());
        assertTrue(d.reason().contains("back to 'a'"), d.reason());
        // struggling at a higher difficulty: the controller has room to make it easier, so stay
        assertEquals(Optional.of("b"), next(List.of(r("b", 0.3, 0.1), r("b", 0.3, 0.1))).nextScenario());
        // the first rung cannot go lower
        Decision first = next(List.of(r("a", 0.0, 0.1), r("a", 0.0, 0.1)));
        assertEquals(Optional.of("a"), first.nextScenario());
        assertTrue(first.reason().contains("first rung"), first.reason());
        // "lowest" is relative to the therapist's cap
        ClientSettings floor = new ClientSettings(Map.of("difficulty", new Bounds(0.3, 1)), Map.of(), Map.of(),
                List.of());
        assertEquals(Optional.of("a"), next(List.of(r("b", 0.3, 0.1), r("b", 0.32, 0.2)), floor).nextScenario());
    }

    @Test
    void theTopRungStays() {
        Decision d = next(List.of(r("c", 0.7, 0.9), r("c", 0.8, 0.9)));
        assertEquals(Optional.of("c"), d.nextScenario());
        assertTrue(d.reason().contains("top rung"), d.reason());
    }

    @Test
    void assignmentsRestrictTheLadder() {
        ClientSettings ac = new ClientSettings(Map.of(), Map.of(), Map.of(), List.of("a", "c"));
        assertEquals(Optional.of("c"), next(List.of(r("a", 0.6, 0.9), r("a", 0.6, 0.9)), ac).nextScenario());
        ClientSettings onlyC = new ClientSettings(Map.of(), Map.of(), Map.of(), List.of("c"));
        assertEquals(Optional.of("c"), next(List.of(r("a", 0.6, 0.9), r("a", 0.6, 0.9)), onlyC).nextScenario());
        ClientSettings elsewhere = new ClientSettings(Map.of(), Map.of(), Map.of(), List.of("x-scenario"));
        assertEquals(Optional.of("x-scenario"), next(List.of(), elsewhere).nextScenario());
    }

    @Test
    void theStartingDifficultyStaysInsideCapsAndLocks() {
        ClientSettings locked = new ClientSettings(Map.of(), Map.of("difficulty", 0.65), Map.of(), List.of());
        assertEquals(0.65, next(List.of(), locked).after().get("difficulty"));
        ClientSettings capped = new ClientSettings(Map.of("difficulty", new Bounds(0.5, 0.6)), Map.of(), Map.of(),
                List.of());
        assertEquals(0.5, next(List.of(), capped).after().get("difficulty"));
    }

    @Test
    void theStartingDifficultyFollowsTheModel() {
        ClientModel strong = ClientModel.fresh();
        for (int i = 0; i < 20; i++) {
            strong.observe("tier2", 0.6, 1.0);
        }
        Decision d = POLICY.next("en", List.of(r("a", 0.6, 0.9), r("a", 0.6, 0.9)), strong, ClientSettings.NONE);
        assertEquals(Optional.of("b"), d.nextScenario());
        assertTrue(d.after().get("difficulty") > 0.5, d.toString());
    }

    @Test
    void theShippedLadderWorksForBothLanguages() {
        Ladder shipped = Ladder.standard(ScenarioLibrary.shipped());
        LadderPolicy policy = new LadderPolicy(shipped, LadderSettings.DEFAULT, ControllerSettings.DEFAULT);
        assertEquals(Optional.of("supermarket-checkout-nb"),
                policy.next("nb", List.of(), ClientModel.fresh(), ClientSettings.NONE).nextScenario());
        String first = shipped.rungs("en").getFirst().scenarioId();
        String second = shipped.rungs("en").get(1).scenarioId();
        assertEquals(Optional.of(second), policy.next("en", List.of(r(first, 0.6, 0.9), r(first, 0.55, 0.8)),
                ClientModel.fresh(), ClientSettings.NONE).nextScenario());
        assertThrows(IllegalArgumentException.class,
                () -> policy.next("de", List.of(), ClientModel.fresh(), ClientSettings.NONE));
    }
}
