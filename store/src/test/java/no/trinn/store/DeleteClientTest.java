package no.trinn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
class DeleteClientTest extends StoreFixture {
    private static final List<String> TABLES = List.of("clients", "sessions", "turns", "safety_events", "pauses",
            "decisions", "level_estimates", "client_settings", "session_commands");

    /** Records two ended sessions with every kind of row for {@code alias}, and settings. */
    private static void recordClient(SessionStore store, String alias, String prefix) {
        for (int n = 0; n < 2; n++) {
            String id = prefix + n;
            Instant t = Events.T0.plusSeconds(100L * n);
            store.onEvent(Events.started(id, alias, t));
            store.onEvent(Events.opened(id, t.plusMillis(10)));
            store.onEvent(Events.turn(id, 0, t.plusSeconds(1)));
            store.onEvent(Events.safety(id, 0, t.plusSeconds(2)));
            store.onEvent(Events.pause(id, true, t.plusSeconds(3)));
            store.onEvent(Events.pause(id, false, t.plusSeconds(4)));
            store.onEvent(new SessionEvent.Decided(id, t.plusSeconds(5), new Decision(Decision.Scope.WITHIN_SESSION,
                    0, Map.of("difficulty", 0.3), Map.of("difficulty", 0.35), Map.of("success", 1.0), "went well",
                    Optional.empty())));
            store.onEvent(new SessionEvent.Assessed(id, t.plusSeconds(6), new SessionScore(0.5, 0.5, 1000, 0.3, 0.35),
                    List.of(new LevelEstimate("tier1", 0.4, 0.1, 3))));
            store.sendCommand(id, SessionCommand.Kind.PAUSE, SessionCommand.NO_PAYLOAD);
            store.onEvent(Events.ended(id, t.plusSeconds(7), true));
        }
        Map<String, Double> warmth = new LinkedHashMap<>();
        warmth.put("warmth", 0.9);
        store.saveSettings(alias, new ClientSettings(Map.of("difficulty", new Bounds(0, 0.5)), Map.of(),
                Map.of("shop/cashier", warmth), List.of()));
    }

    private Map<String, Integer> counts() throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Connection raw = db.raw();
                Statement statement = raw.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getInt(1));
                }
            }
        }
        return counts;
    }

    @Test
    void removesEveryRowOfTheClientAndNothingElse() throws SQLException {
        try (SessionStore store = db.open()) {
            recordClient(store, "p-1", "a");
            recordClient(store, "p-2", "b");
        }
        Map<String, Integer> both = counts();
        TABLES.forEach(table -> assertTrue(both.get(table) > 0, table));
        try (SessionStore store = db.open()) {
            assertTrue(store.deleteClient("p-1"));
            assertEquals(List.of("p-2"), store.clients().stream().map(Client::alias).toList());
            assertEquals(List.of(), store.sessions("p-1"));
            assertEquals(ClientSettings.NONE, store.settings("p-1"));
            assertEquals(List.of(), store.turns("a0"));
            assertEquals(2, store.sessions("p-2").size());
            assertFalse(store.deleteClient("p-1"));
        }
        Map<String, Integer> one = counts();
        for (String table : TABLES) {
            assertEquals(both.get(table) / 2, one.get(table), table);
        }
        try (SessionStore store = db.open()) {
            assertTrue(store.deleteClient("p-2"));
        }
        counts().forEach((table, count) -> assertEquals(0, count, table));
    }

    @Test
    void refusesAClientWithAnActiveSessionAndChangesNothing() throws SQLException {
        try (SessionStore store = db.open()) {
            recordClient(store, "p-1", "a");
            store.onEvent(Events.started("live", "p-1", Events.T0.plusSeconds(1000)));
            Map<String, Integer> before = counts();
            StoreException e = assertThrows(StoreException.class, () -> store.deleteClient("p-1"));
            assertTrue(e.getMessage().contains("1 active session"), e.getMessage());
            assertFalse(e.getMessage().contains("p-1"), e.getMessage());
            assertEquals(before, counts());
            assertThrows(StoreException.class, () -> store.deleteClient("bad alias"));
        }
    }
}
