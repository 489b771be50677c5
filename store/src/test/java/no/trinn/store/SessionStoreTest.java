package no.trinn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.trinn.core.session.SessionEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class SessionStoreTest extends StoreFixture {
    @Override
    Path file() {
        return dir.resolve("records").resolve("trinn.db");
    }

    @Test
    void roundTripsAWholeSession() {
        String id = "s-1";
        var started = Events.started(id, "p-017", Events.T0);
        var opened = Events.opened(id, Events.T0.plusMillis(400));
        var turn0 = Events.turn(id, 0, Events.T0.plusSeconds(5));
        var safety = Events.safety(id, 0, Events.T0.plusSeconds(5).plusNanos(1));
        var pause = Events.pause(id, true, Events.T0.plusSeconds(6));
        var resume = Events.pause(id, false, Events.T0.plusSeconds(30));
        var turn1 = Events.turn(id, 1, Events.T0.plusSeconds(40));
        var ended = Events.ended(id, Events.T0.plusSeconds(61), true);
        try (SessionStore store = db.open()) {
            for (SessionEvent event : List.of(started, opened, turn0, safety, pause, resume, turn1, ended)) {
                store.onEvent(event);
            }
        }
        try (SessionStore store = db.open()) {
            assertEquals(Optional.of(new StoredSession(started, Optional.of(opened), Optional.of(ended),
                    SessionStatus.ENDED, ended.at())), store.session(id));
            assertEquals(List.of(turn0, turn1), store.turns(id));
            assertEquals(List.of(safety), store.safetyEvents(id));
            assertEquals(List.of(pause, resume), store.pauses(id));
            assertEquals(List.of(new SessionOverview(id, "shop-greeting", Events.T0, Duration.ofSeconds(61),
                    SessionStatus.ENDED, 2, true, 1)), store.sessions("p-017"));
            assertEquals(List.of(new Client("p-017", Events.T0, 1)), store.clients());
        }
    }

    @Test
    void storesJsonThatTheDatabaseAcceptsAndAnAliasOnlyForTheClient() throws SQLException {
        String id = "s-json";
        try (SessionStore store = db.open()) {
            store.onEvent(Events.started(id, "p-1", Events.T0));
            store.onEvent(Events.turn(id, 0, Events.T0.plusSeconds(1)));
            store.onEvent(Events.ended(id, Events.T0.plusSeconds(2), false));
        }
        try (Connection raw = db.raw();
                Statement statement = raw.createStatement();
                ResultSet rows = statement.executeQuery(switch (backend) {
                    case SQLITE -> """
                            SELECT json_extract(t.goal_steps, '$[1]'), json_extract(s.summary, '$.strengths[1]'),
                                json_extract(s.summary, '$.goalMet'), s.status
                            FROM turns t JOIN sessions s ON s.id = t.session_id""";
                    case POSTGRESQL -> """
                            SELECT t.goal_steps::jsonb ->> 1, s.summary::jsonb -> 'strengths' ->> 1,
                                (s.summary::jsonb ->> 'goalMet')::boolean::int, s.status
                            FROM turns t JOIN sessions s ON s.id = t.session_id""";
                })) {
            assertTrue(rows.next());
            assertEquals("say \"what\"", rows.getString(1));
            assertEquals("Line\nbreak ø", rows.getString(2));
            assertEquals(0, rows.getInt(3));
            assertEquals("ended", rows.getString(4));
        }
    }

    @Test
    void listsTurnsByNumberAndEventsInTheOrderRecorded() {
        String id = "s-order";
        try (SessionStore store = db.open()) {
            store.onEvent(Events.started(id, "p-2", Events.T0));
            List<SessionEvent.TurnCompleted> turns = new ArrayList<>();
            List<SessionEvent.SafetyRaised> safety = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                // Same instant for every event: order must come from recording order, not from timestamps.
                var turn = Events.turn(id, i, Events.T0.plusSeconds(1));
                var raised = new SessionEvent.SafetyRaised(id, Events.T0.plusSeconds(1),
                        new no.trinn.core.session.SafetyEvent(i, no.trinn.core.session.SafetyEvent.Kind.values()[i % 5],
                                1 + i % 3, i % 2 == 0 ? "phrase" : "similarity", i / 12.0));
                store.onEvent(turn);
                store.onEvent(raised);
                turns.add(turn);
                safety.add(raised);
            }
            assertEquals(turns, store.turns(id));
            assertEquals(safety, store.safetyEvents(id));
        }
    }

    @Test
    void listsSessionsNewestFirstPerClient() {
        try (SessionStore store = db.open()) {
            store.onEvent(Events.started("old", "p-3", Events.T0));
            store.onEvent(Events.started("newest", "p-3", Events.T0.plus(Duration.ofDays(2))));
            store.onEvent(Events.started("middle", "p-3", Events.T0.plus(Duration.ofDays(1))));
            store.onEvent(Events.started("same-start-later", "p-3", Events.T0.plus(Duration.ofDays(1))));
            store.onEvent(Events.started("other", "p-4", Events.T0.plus(Duration.ofDays(3))));
            store.onEvent(Events.turn("middle", 0, Events.T0.plus(Duration.ofDays(1)).plusSeconds(90)));
            store.onEvent(Events.safety("middle", 0, Events.T0.plus(Duration.ofDays(1)).plusSeconds(91)));

            List<SessionOverview> sessions = store.sessions("p-3");
            assertEquals(List.of("newest", "same-start-later", "middle", "old"),
                    sessions.stream().map(SessionOverview::id).toList());
            SessionOverview middle = sessions.get(2);
            assertEquals(SessionStatus.ACTIVE, middle.status());
            assertEquals(1, middle.turns());
            assertEquals(1, middle.safetyEvents());
            assertFalse(middle.goalMet());
            assertEquals(Duration.ofSeconds(91), middle.duration(), "an unended session lasts to its last event");
            assertEquals(List.of("p-3", "p-4"), store.clients().stream().map(Client::alias).toList());
            assertEquals(4, store.clients().get(0).sessions());
        }
    }

    @Test
    void unknownAliasAndSessionGiveEmptyResults() {
        try (SessionStore store = db.open()) {
            store.onEvent(Events.started("s", "p-5", Events.T0));
            assertEquals(List.of(), store.sessions("nobody"));
            assertEquals(Optional.empty(), store.session("nothing"));
            assertEquals(List.of(), store.turns("nothing"));
            assertEquals(List.of(), store.safetyEvents("nothing"));
            assertEquals(List.of(), store.pauses("nothing"));
            assertEquals(List.of(), store.turns("s"));
        }
    }

    @Test
    void rejectsMalformedAliasesWithoutRepeatingThem() {
        try (SessionStore store = db.open()) {
            for (String alias : List.of("", "Kari Nordmann", "a/b", "x".repeat(65), "semi;colon")) {
                StoreException e = assertThrows(StoreException.class, () -> store.sessions(alias));
                assertTrue(e.getMessage().contains("alias"), e.getMessage());
                if (!alias.isEmpty()) {
                    assertFalse(e.getMessage().contains(alias), e.getMessage());
                }
            }
            StoreException e = assertThrows(StoreException.class,
                    () -> store.onEvent(Events.started("s", "Kari Nordmann", Events.T0)));
            assertTrue(e.getMessage().contains(store.location()), e.getMessage());
            assertEquals(db.shown(), store.location());
            assertTrue(e.getMessage().contains("position 5"), e.getMessage());
            assertFalse(e.getMessage().contains("Kari"), e.getMessage());
            assertEquals(List.of(), store.clients());
            assertEquals(List.of(), store.sessions("x".repeat(64)));
            assertEquals(List.of(), store.sessions("Åse_01.b-2"));
        }
    }

    @Test
    void rejectsEventsOutOfSessionOrderAndKeepsNoPartOfThem() {
        try (SessionStore store = db.open()) {
            StoreException orphan = assertThrows(StoreException.class,
                    () -> store.onEvent(Events.turn("ghost", 0, Events.T0)));
            assertTrue(orphan.getMessage().contains("turn 0 of session ghost"), orphan.getMessage());
            assertTrue(orphan.getMessage().contains("Started event must come first"), orphan.getMessage());

            store.onEvent(Events.started("s", "p-6", Events.T0));
            assertThrows(StoreException.class, () -> store.onEvent(Events.started("s", "p-6", Events.T0)));
            store.onEvent(Events.turn("s", 0, Events.T0.plusSeconds(1)));
            StoreException twice = assertThrows(StoreException.class,
                    () -> store.onEvent(Events.turn("s", 0, Events.T0.plusSeconds(9))));
            assertTrue(twice.getMessage().contains("already recorded"), twice.getMessage());
            assertEquals(Events.T0.plusSeconds(1), store.session("s").orElseThrow().lastEventAt(),
                    "the rejected turn's transaction was rolled back");
            store.onEvent(Events.ended("s", Events.T0.plusSeconds(2), true));
            assertThrows(StoreException.class, () -> store.onEvent(Events.ended("s", Events.T0.plusSeconds(3), true)));
            assertEquals(1, store.turns("s").size());
            assertEquals(1, store.clients().size());
        }
    }

    @Test
    void recoversOnlySessionsOfProcessesThatAreGone() throws SQLException {
        try (SessionStore store = db.open()) {
            store.onEvent(Events.started("mine", "p-7", Events.T0));
            store.onEvent(Events.started("dead", "p-7", Events.T0.plusSeconds(1)));
            store.onEvent(Events.started("done", "p-7", Events.T0.plusSeconds(2)));
            store.onEvent(Events.ended("done", Events.T0.plusSeconds(3), true));
        }
        try (Connection raw = db.raw();
                Statement statement = raw.createStatement()) {
            // A process id that cannot be running: above Linux's pid_max, and odd, unlike Windows process ids.
            statement.executeUpdate("UPDATE sessions SET owner_pid = 2000000001 WHERE id = 'dead'");
        }
        try (SessionStore store = db.open()) {
            assertEquals(1, store.recoverInterrupted());
            assertEquals(0, store.recoverInterrupted());
            assertEquals(SessionStatus.ACTIVE, store.session("mine").orElseThrow().status());
            assertEquals(SessionStatus.INTERRUPTED, store.session("dead").orElseThrow().status());
            assertEquals(SessionStatus.ENDED, store.session("done").orElseThrow().status());
        }
    }

    @Test
    void leavesSessionsRecordedOnAnotherComputerToThatComputer() throws SQLException {
        try (SessionStore store = db.open()) {
            store.onEvent(Events.started("elsewhere", "p-11", Events.T0));
            store.onEvent(Events.started("here", "p-11", Events.T0.plusSeconds(1)));
        }
        try (Connection raw = db.raw();
                Statement statement = raw.createStatement()) {
            // Both recorded by a process that is not running here; one of them on another computer.
            statement.executeUpdate("UPDATE sessions SET owner_pid = 2000000001");
            statement.executeUpdate("UPDATE sessions SET owner_host = 'another-pc.clinic' WHERE id = 'elsewhere'");
        }
        try (SessionStore store = db.open()) {
            assertEquals(1, store.recoverInterrupted());
            assertEquals(SessionStatus.ACTIVE, store.session("elsewhere").orElseThrow().status());
            assertEquals(SessionStatus.INTERRUPTED, store.session("here").orElseThrow().status());
        }
    }

    @Test
    void treatsAReusedProcessIdAsGone() throws SQLException {
        try (SessionStore store = db.open()) {
            store.onEvent(Events.started("reused", "p-8", Events.T0));
        }
        try (Connection raw = db.raw();
                Statement statement = raw.createStatement()) {
            // Our own pid, but a process that started long before this one.
            statement.executeUpdate("UPDATE sessions SET owner_started_at = '2001-01-01T00:00:00.000000000Z'");
        }
        try (SessionStore store = db.open()) {
            assertEquals(1, store.recoverInterrupted());
            assertEquals(SessionStatus.INTERRUPTED, store.session("reused").orElseThrow().status());
        }
    }

    @Test
    void refusesCallsAfterCloseAndClosesTwiceQuietly() {
        SessionStore store = db.open();
        store.close();
        store.close();
        StoreException e = assertThrows(StoreException.class, store::clients);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(StoreException.class, () -> store.onEvent(Events.started("s", "p-9", Events.T0)));
    }

    @Test
    void rejectsTimestampsOutsideTheStoredRange() {
        try (SessionStore store = db.open()) {
            StoreException e = assertThrows(StoreException.class,
                    () -> store.onEvent(Events.started("s", "p-10", Instant.parse("+10000-01-01T00:00:00Z"))));
            assertTrue(e.getMessage().contains("years 1 to 9999"), e.getMessage());
        }
    }
}
