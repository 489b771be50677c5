package no.trinn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.core.session.Bounds;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.Decision;
import no.trinn.core.session.SessionEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Commands to running sessions, and reading what is new in a session since a cursor, on every backend. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class LiveSessionsTest extends StoreFixture {
    private static SessionEvent.Decided decided(String id, Instant at, int turn, double warmth) {
        return new SessionEvent.Decided(id, at, new Decision(Decision.Scope.WITHIN_SESSION, turn,
                Map.of("warmth", 0.8), Map.of("warmth", warmth), Map.of("success", 1.0), "the therapist changed it",
                Optional.empty()));
    }

    @Test
    void commandsAreTakenOnceInTheOrderSentAndMarkedTaken() throws Exception {
        try (SessionStore store = db.open(); SessionStore other = db.open()) {
            store.onEvent(Events.started("live", "p-1", Events.T0));
            store.onEvent(Events.started("quiet", "p-1", Events.T0));
            assertEquals(List.of(), store.takeCommands("live"), "nothing waits");
            ClientSettings settings = new ClientSettings(Map.of("difficulty", new Bounds(0, 0.4)), Map.of(),
                    Map.of("coffee-order/barista", Map.of("warmth", 0.1)), List.of());
            long first = other.sendCommand("live", SessionCommand.Kind.PAUSE, SessionCommand.NO_PAYLOAD);
            long second = other.sendCommand("live", SessionCommand.Kind.SETTINGS,
                    SessionCommand.settingsPayload(settings));
            long third = other.sendCommand("live", SessionCommand.Kind.RESUME, SessionCommand.NO_PAYLOAD);
            assertTrue(first < second && second < third);
            List<SessionCommand> taken = store.takeCommands("live");
            assertEquals(List.of(SessionCommand.Kind.PAUSE, SessionCommand.Kind.SETTINGS, SessionCommand.Kind.RESUME),
                    taken.stream().map(SessionCommand::kind).toList());
            assertEquals(List.of(first, second, third), taken.stream().map(SessionCommand::id).toList());
            assertEquals(Optional.of(settings), taken.get(1).settings());
            assertEquals(Optional.empty(), taken.get(0).settings());
            assertTrue(taken.stream().allMatch(c -> c.takenAt().isPresent()));
            assertEquals(List.of(), store.takeCommands("live"), "each command is taken once");
            assertEquals(List.of(), other.takeCommands("live"), "also by another connection");
            assertEquals(List.of(), store.takeCommands("quiet"), "commands belong to their session");
            try (var raw = db.raw(); var st = raw.createStatement();
                    var rows = st.executeQuery("SELECT count(*) FROM session_commands WHERE taken_at IS NOT NULL")) {
                rows.next();
                assertEquals(3, rows.getInt(1));
            }
            other.sendCommand("live", SessionCommand.Kind.STOP, SessionCommand.NO_PAYLOAD);
            assertEquals(List.of(SessionCommand.Kind.STOP),
                    store.takeCommands("live").stream().map(SessionCommand::kind).toList());
        }
    }

    @Test
    void aCommandToAnUnknownOrEndedSessionOrWithABadPayloadIsRefused() {
        try (SessionStore store = db.open()) {
            store.onEvent(Events.started("done", "p-1", Events.T0));
            store.onEvent(Events.ended("done", Events.T0.plusSeconds(9), true));
            store.onEvent(Events.started("live", "p-1", Events.T0));
            StoreException unknown = assertThrows(StoreException.class,
                    () -> store.sendCommand("nope", SessionCommand.Kind.STOP, SessionCommand.NO_PAYLOAD));
            assertTrue(unknown.getMessage().contains("no session"), unknown.getMessage());
            StoreException ended = assertThrows(StoreException.class,
                    () -> store.sendCommand("done", SessionCommand.Kind.STOP, SessionCommand.NO_PAYLOAD));
            assertTrue(ended.getMessage().contains("not running"), ended.getMessage());
            assertThrows(StoreException.class, () -> store.sendCommand("live", SessionCommand.Kind.STOP, "[1]"));
            assertThrows(StoreException.class, () -> store.sendCommand("live", SessionCommand.Kind.STOP, "{"));
            assertThrows(StoreException.class,
                    () -> store.sendCommand("live", SessionCommand.Kind.SETTINGS, "{\"caps\": 3}"));
            assertEquals(List.of(), store.takeCommands("live"));
        }
    }

    @Test
    void changesSinceACursorHoldEachRowOnceAndTheEnd() {
        try (SessionStore store = db.open(); SessionStore reader = db.open()) {
            Instant t = Events.T0;
            assertEquals(Optional.empty(), reader.changes("live", LiveChanges.Cursor.START));
            store.onEvent(Events.started("live", "p-1", t));
            LiveChanges none = reader.changes("live", LiveChanges.Cursor.START).orElseThrow();
            assertTrue(none.isEmpty());
            assertEquals(SessionStatus.ACTIVE, none.status());
            store.onEvent(Events.opened("live", t.plusSeconds(1)));
            store.onEvent(Events.turn("live", 0, t.plusSeconds(2)));
            store.onEvent(decided("live", t.plusSeconds(2), 0, 0.7));
            LiveChanges first = reader.changes("live", LiveChanges.Cursor.START).orElseThrow();
            assertTrue(first.opened().isPresent());
            assertEquals(List.of(0), first.turns().stream().map(x -> x.turn().index()).toList());
            assertEquals(1, first.decisions().size());
            assertEquals(0.7, first.decisions().getFirst().decision().after().get("warmth"));
            assertTrue(reader.changes("live", first.cursor()).orElseThrow().isEmpty(), "nothing new");
            store.onEvent(Events.turn("live", 1, t.plusSeconds(3)));
            store.onEvent(Events.safety("live", 1, t.plusSeconds(3)));
            store.onEvent(Events.pause("live", true, t.plusSeconds(4)));
            LiveChanges second = reader.changes("live", first.cursor()).orElseThrow();
            assertEquals(Optional.empty(), second.opened(), "seen already");
            assertEquals(List.of(1), second.turns().stream().map(x -> x.turn().index()).toList());
            assertEquals(List.of(), second.decisions());
            assertEquals(1, second.safety().size());
            assertEquals(List.of(true), second.pauses().stream().map(SessionEvent.PauseChanged::paused).toList());
            assertEquals(store.turns("live").get(1), second.turns().getFirst());
            assertEquals(Optional.of(second.cursor()), LiveChanges.Cursor.parse(second.cursor().token()));
            assertTrue(second.cursor().covers(first.cursor()));
            assertFalse(first.cursor().covers(second.cursor()));
            assertEquals(List.of("live"), reader.activeSessions().stream().map(ActiveSession::id).toList());
            assertEquals("p-1", reader.activeSessions().getFirst().clientAlias());
            store.onEvent(Events.ended("live", t.plusSeconds(5), true));
            LiveChanges last = reader.changes("live", second.cursor()).orElseThrow();
            assertEquals(SessionStatus.ENDED, last.status());
            assertEquals("completed", last.ended().orElseThrow().reason());
            assertTrue(last.cursor().over());
            assertTrue(reader.changes("live", last.cursor()).orElseThrow().isEmpty());
            LiveChanges all = reader.changes("live", LiveChanges.Cursor.START).orElseThrow();
            assertEquals(2, all.turns().size());
            assertTrue(all.ended().isPresent());
            assertEquals(List.of(), reader.activeSessions());
        }
    }

    @Test
    void activeSessionsListsOnlyRunningOnesNewestFirst() {
        try (SessionStore store = db.open()) {
            store.onEvent(Events.started("a", "p-1", Events.T0));
            store.onEvent(Events.started("b", "p-2", Events.T0.plusSeconds(60)));
            store.onEvent(Events.started("c", "p-2", Events.T0.plusSeconds(120)));
            store.onEvent(Events.ended("c", Events.T0.plusSeconds(130), false));
            List<ActiveSession> active = store.activeSessions();
            assertEquals(List.of("b", "a"), active.stream().map(ActiveSession::id).toList());
            assertEquals("shop-greeting", active.getFirst().scenarioId());
            assertEquals(Events.T0.plusSeconds(60), active.getFirst().startedAt());
        }
    }

    @Test
    void cursorTokensThatAreNotCursorsAreRejected() {
        for (String bad : List.of("", "1.2.3", "a.b.c.d.e.f", "1.2.3.4.2.0", "-2.0.0.0.0.0", "1.2.3.4.1.0;x")) {
            assertEquals(Optional.empty(), LiveChanges.Cursor.parse(bad), bad);
        }
        assertEquals(Optional.of(LiveChanges.Cursor.START), LiveChanges.Cursor.parse("-1.0.0.0.0.0"));
    }
}
