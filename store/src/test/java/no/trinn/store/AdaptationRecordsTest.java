package no.trinn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import no.trinn.core.session.Bounds;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.Decision;
import no.trinn.core.session.LevelEstimate;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class AdaptationRecordsTest extends StoreFixture {
    private static Decision within(int turn, double from, double to) {
        Map<String, Double> before = new LinkedHashMap<>();
        before.put("difficulty", from);
        before.put("warmth", 0.8);
        Map<String, Double> after = new LinkedHashMap<>();
        after.put("difficulty", to);
        after.put("warmth", 0.75);
        return new Decision(Decision.Scope.WITHIN_SESSION, turn, before, after,
                Map.of("success", 0.9, "smoothedSuccess", 0.875), "success above the band: a little harder",
                Optional.empty());
    }

    @Test
    void decisionsScoresLevelsConfidenceAndFollowUpsComeBackAsRecorded() {
        try (SessionStore store = db.open()) {
            Instant t = Events.T0;
            store.onEvent(Events.started("s1", "p-7", t));
            store.onEvent(new SessionEvent.ConfidenceRated("s1", t.plusSeconds(1), true, 2));
            store.onEvent(new SessionEvent.TaskFollowedUp("s1", t.plusSeconds(2), "s0",
                    SessionEvent.TaskOutcome.TRIED));
            SessionEvent.Decided first = new SessionEvent.Decided("s1", t.plusSeconds(3), within(0, 0.3, 0.35));
            SessionEvent.Decided second = new SessionEvent.Decided("s1", t.plusSeconds(4), within(1, 0.35, 0.35));
            store.onEvent(first);
            store.onEvent(second);
            SessionScore score = new SessionScore(0.8, 0.75, 2100.5, 0.3, 0.35);
            List<LevelEstimate> levels = List.of(new LevelEstimate("skill:greeting", 0.41, 0.12, 9),
                    new LevelEstimate("tier1", 0.4, 0.1, 9));
            store.onEvent(new SessionEvent.Assessed("s1", t.plusSeconds(5), score, levels));
            SessionEvent.Decided ladder = new SessionEvent.Decided("s1", t.plusSeconds(5), new Decision(
                    Decision.Scope.BETWEEN_SESSIONS, -1, Map.of("difficulty", 0.35), Map.of("difficulty", 0.2),
                    Map.of("goalScore", 0.8), "goal mastered twice: next rung", Optional.of("coffee-order")));
            store.onEvent(ladder);
            store.onEvent(new SessionEvent.ConfidenceRated("s1", t.plusSeconds(6), false, 4));
            store.onEvent(Events.ended("s1", t.plusSeconds(7), true));

            assertEquals(List.of(first, second, ladder), store.decisions("s1"));
            assertEquals(List.of("difficulty", "warmth"), List.copyOf(store.decisions("s1").getFirst().decision()
                    .after().keySet()), "order of values kept");
            assertEquals(levels, store.levels("p-7"));
            assertEquals(levels, store.sessionLevels("s1"));
            SessionResult result = store.results("p-7").getFirst();
            assertEquals(Optional.of(score), result.score());
            assertEquals(OptionalInt.of(2), result.confidenceBefore());
            assertEquals(OptionalInt.of(4), result.confidenceAfter());
            assertEquals(Optional.of(SessionEvent.TaskOutcome.TRIED), result.taskOutcome());
            assertEquals(Optional.of("Buy bread tomorrow"), result.realWorldTask());
            assertEquals(Optional.of("completed"), result.endReason());
            assertTrue(result.goalMet());
        }
    }

    @Test
    void theNewestSessionsEstimateOfEachScaleIsTheClientModel() {
        try (SessionStore store = db.open()) {
            SessionScore score = new SessionScore(0.5, 0.5, 1000, 0.2, 0.2);
            store.onEvent(Events.started("a", "p-1", Events.T0));
            store.onEvent(new SessionEvent.Assessed("a", Events.T0, score, List.of(
                    new LevelEstimate("tier1", 0.2, 0.2, 5), new LevelEstimate("tier2", 0.1, 0.25, 3))));
            store.onEvent(Events.started("b", "p-1", Events.T0.plusSeconds(60)));
            store.onEvent(new SessionEvent.Assessed("b", Events.T0.plusSeconds(60), score, List.of(
                    new LevelEstimate("tier1", 0.3, 0.15, 11))));
            store.onEvent(Events.started("c", "p-2", Events.T0.plusSeconds(120)));
            store.onEvent(new SessionEvent.Assessed("c", Events.T0.plusSeconds(120), score, List.of(
                    new LevelEstimate("tier1", 0.9, 0.05, 40))));

            assertEquals(List.of(new LevelEstimate("tier1", 0.3, 0.15, 11), new LevelEstimate("tier2", 0.1, 0.25, 3)),
                    store.levels("p-1"));
            assertEquals(List.of(), store.levels("nobody"));
            assertEquals(List.of("b", "a"), store.results("p-1").stream().map(SessionResult::id).toList());
            assertTrue(store.results("p-1").get(0).score().isPresent());
            assertEquals(List.of(), store.decisions("b"));
        }
    }

    @Test
    void settingsAreSavedReplacedAndReadBackForTheirClientOnly() {
        try (SessionStore store = db.open()) {
            assertEquals(ClientSettings.NONE, store.settings("p-3"));
            ClientSettings settings = new ClientSettings(Map.of("difficulty", new Bounds(0, 0.4),
                    "pressure", new Bounds(0.0, 0.25)), Map.of("warmth", 0.9),
                    Map.of("supermarket-checkout/cashier", Map.of("patience", 0.95)),
                    List.of("greet-neighbour", "supermarket-checkout"));
            store.saveSettings("p-3", settings);
            assertEquals(settings, store.settings("p-3"));
            ClientSettings changed = new ClientSettings(Map.of(), Map.of(), Map.of(), List.of("coffee-order"));
            store.saveSettings("p-3", changed);
            assertEquals(changed, store.settings("p-3"));
            assertEquals(ClientSettings.NONE, store.settings("p-4"));
            assertEquals(1, store.clients().size(), "saving settings creates the client");
            assertThrows(StoreException.class, () -> store.saveSettings("Ola Nordmann", changed));
        }
    }

    @Test
    void aDecisionForASessionNeverStartedIsRefused() {
        try (SessionStore store = db.open()) {
            StoreException e = assertThrows(StoreException.class, () -> store.onEvent(
                    new SessionEvent.Decided("ghost", Events.T0, within(0, 0.1, 0.2))));
            assertTrue(e.getMessage().contains("a decision of session ghost"), e.getMessage());
            assertEquals(List.of(), store.decisions("ghost"));
        }
    }
}
