package no.trinn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import no.trinn.core.session.SessionEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The schema, its migrations and locking, the same on every database (file-specific checks: StoreOpeningTest). */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class StoreSchemaTest extends StoreFixture {
    private StoreException assertFailsNaming(String problem) {
        StoreException e = assertThrows(StoreException.class, () -> db.open().close());
        assertTrue(e.getMessage().contains(db.shown()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        return e;
    }

    @Test
    void appliesEachMigrationOnceAndCreatesEveryTable() throws SQLException {
        db.open().close();
        db.open().close();
        try (Connection raw = db.raw();
                Statement statement = raw.createStatement();
                ResultSet rows = statement.executeQuery("SELECT max(version), count(*) FROM schema_version")) {
            assertTrue(rows.next());
            assertEquals(SessionStore.SCHEMA_VERSION, rows.getInt(1));
            assertEquals(SessionStore.SCHEMA_VERSION, rows.getInt(2), "each migration once, though opened twice");
        }
        assertEquals(List.of("client_settings", "clients", "decisions", "level_estimates", "pauses",
                "safety_events", "schema_version", "session_commands", "sessions", "turns"), db.tables());
    }

    @Test
    void enforcesForeignKeysAndJsonChecks() throws SQLException {
        try (SessionStore store = db.open()) {
            // The store checks sessions itself; this proves the database enforces them too.
            store.onEvent(Events.started("s", "p-1", Events.T0));
        }
        try (Connection raw = db.raw(); Statement statement = raw.createStatement()) {
            if (backend == Backend.SQLITE) {
                statement.execute("PRAGMA foreign_keys = ON");
            }
            assertThrows(SQLException.class, () -> statement.executeUpdate("INSERT INTO pauses (session_id, paused,"
                    + " reason, at) VALUES ('ghost', 1, 'x', '2025-01-01T00:00:00.000000000Z')"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("INSERT INTO client_settings (client_id,"
                    + " settings, updated_at) VALUES (1, '{not json', '2025-01-01T00:00:00.000000000Z')"));
            statement.executeUpdate("INSERT INTO client_settings (client_id, settings, updated_at)"
                    + " VALUES (1, '{\"json\": true}', '2025-01-01T00:00:00.000000000Z')");
        }
    }

    @Test
    void rejectsAnotherApplicationsDatabase() throws SQLException {
        try (Connection raw = db.raw(); Statement statement = raw.createStatement()) {
            statement.execute("CREATE TABLE recipes (name TEXT)");
        }
        assertFailsNaming("not a Trinn session store");
    }

    @Test
    void rejectsADatabaseFromANewerTrinn() throws SQLException {
        db.open().close();
        try (Connection raw = db.raw(); Statement statement = raw.createStatement()) {
            statement.execute("INSERT INTO schema_version VALUES (99, '2030-01-01T00:00:00.000000000Z')");
        }
        assertFailsNaming("newer Trinn (schema version 99");
    }

    @Test
    void reportsALockedDatabase() throws SQLException {
        try (SessionStore store = db.open(Duration.ofMillis(200))) {
            store.onEvent(Events.started("s", "p-1", Events.T0));
            try (Connection raw = db.raw(); Statement statement = raw.createStatement()) {
                if (backend == Backend.SQLITE) {
                    statement.execute("BEGIN EXCLUSIVE");
                } else {
                    // Another writer holds the sessions table; plain readers may still read it.
                    raw.setAutoCommit(false);
                    statement.execute("LOCK TABLE sessions IN EXCLUSIVE MODE");
                }
                StoreException e = assertThrows(StoreException.class,
                        () -> store.onEvent(Events.turn("s", 0, Events.T0.plusSeconds(1))));
                assertTrue(e.getMessage().contains(db.shown()), e.getMessage());
                assertTrue(e.getMessage().contains("locked"), e.getMessage());
                assertTrue(e.getMessage().contains("turn 0 of session s"), e.getMessage());
                assertTrue(e.getCause() instanceof SQLException);
                assertEquals(List.of(), store.turns("s"), "readers are not blocked by the writer");
                statement.execute("ROLLBACK");
            }
            store.onEvent(Events.turn("s", 0, Events.T0.plusSeconds(1)));
            assertEquals(1, store.turns("s").size());
        }
    }

    @Test
    void aVersionOneDatabaseIsMigratedAndKeepsItsTurns() throws SQLException {
        try (Connection raw = db.raw(); Statement statement = raw.createStatement()) {
            Dialect dialect = backend == Backend.SQLITE ? Dialect.SQLITE : Dialect.POSTGRESQL;
            statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            for (String sql : Schema.statements(1, dialect)) {
                statement.execute(sql);
            }
            statement.execute("INSERT INTO schema_version VALUES (1, '2026-01-01T00:00:00.000000000Z')");
            statement.execute("INSERT INTO clients (alias, created_at) VALUES ('p-1', '2026-01-01T00:00:00.000000000Z')");
            statement.execute("""
                    INSERT INTO sessions (id, client_id, scenario_id, language, difficulty, started_at, status,
                        last_event_at) VALUES ('s-1', (SELECT id FROM clients WHERE alias = 'p-1'), 'coffee-order',
                        'en', 0.3, '2026-01-01T00:00:00.000000000Z', 'active', '2026-01-01T00:00:01.000000000Z')""");
            statement.execute("""
                    INSERT INTO turns VALUES ('s-1', 0, 'A tea', 'Small or large?', 'order', 'size', 'order_drink',
                        0.8, 1200, 2, '["ordered"]', 0, 0, 5000000, '2026-01-01T00:00:01.000000000Z')""");
        }
        try (SessionStore store = db.open()) {
            List<SessionEvent.TurnCompleted> turns = store.turns("s-1");
            assertEquals(1, turns.size());
            assertEquals("Small or large?", turns.getFirst().turn().characterText());
            assertTrue(turns.getFirst().turn().fallback().isEmpty());
            store.onEvent(Events.turn("s-1", 1, Instant.parse("2026-01-01T00:00:02Z")));
            store.onEvent(Events.turn("s-1", 2, Instant.parse("2026-01-01T00:00:03Z")));
            assertEquals(Optional.of("guard:role"), store.turns("s-1").get(2).turn().fallback());
            // A session of a version-1 database has no recorded host: this computer's, as before.
            assertEquals(1, store.recoverInterrupted());
            store.onEvent(Events.started("s-2", "p-2", Instant.parse("2026-01-02T00:00:00Z")));
            assertEquals(2, store.clients().size());
        }
    }
}
