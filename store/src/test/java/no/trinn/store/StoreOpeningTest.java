package no.trinn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreOpeningTest {
    @TempDir
    Path dir;

    private static StoreException assertFailsNaming(Path path, String problem) {
        StoreException e = assertThrows(StoreException.class, () -> SessionStore.open(path).close());
        assertTrue(e.getMessage().contains(path.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        return e;
    }

    @Test
    void createsFoldersWalModeForeignKeysAndTheLatestSchemaVersion() throws SQLException {
        Path db = dir.resolve("a").resolve("b").resolve("trinn.db");
        try (SessionStore store = SessionStore.open(db)) {
            assertEquals(db, store.path());
        }
        SessionStore.open(db).close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = raw.createStatement()) {
            try (ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
                assertEquals("wal", rows.getString(1));
            }
            try (ResultSet rows = statement.executeQuery("SELECT max(version), count(*) FROM schema_version")) {
                assertTrue(rows.next());
                assertEquals(SessionStore.SCHEMA_VERSION, rows.getInt(1));
                assertEquals(SessionStore.SCHEMA_VERSION, rows.getInt(2), "each migration once, though opened twice");
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
                List<String> tables = new java.util.ArrayList<>();
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
                assertEquals(List.of("client_settings", "clients", "decisions", "level_estimates", "pauses",
                        "safety_events", "schema_version", "sessions", "turns"),
                        tables);
            }
        }
    }

    @Test
    void enforcesForeignKeys() {
        Path db = dir.resolve("trinn.db");
        try (SessionStore store = SessionStore.open(db)) {
            // The store checks sessions itself; this proves the database enforces them too.
            store.onEvent(Events.started("s", "p-1", Events.T0));
        }
        assertThrows(SQLException.class, () -> {
            try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db + "?foreign_keys=on");
                    Statement statement = raw.createStatement()) {
                statement.executeUpdate("INSERT INTO pauses (session_id, paused, reason, at)"
                        + " VALUES ('ghost', 1, 'x', '2025-01-01T00:00:00.000000000Z')");
            }
        });
    }

    @Test
    void rejectsAFolder() {
        assertFailsNaming(dir, "is a folder");
    }

    @Test
    void rejectsATextFile() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "These are not session records.\n".repeat(20));
        assertFailsNaming(text, "not an SQLite database");
        assertEquals(List.of(text), listing(), "nothing was created next to it");
    }

    @Test
    void rejectsAFileWithAnSqliteHeaderButCorruptContent() throws IOException {
        Path corrupt = dir.resolve("corrupt.db");
        byte[] bytes = new byte[8192];
        System.arraycopy("SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, bytes, 0, 16);
        java.util.Arrays.fill(bytes, 16, bytes.length, (byte) 0x5a);
        Files.write(corrupt, bytes);
        StoreException e = assertThrows(StoreException.class, () -> SessionStore.open(corrupt).close());
        assertTrue(e.getMessage().contains(corrupt.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not an SQLite database") || e.getMessage().contains("corrupt"),
                e.getMessage());
    }

    @Test
    void rejectsAnotherApplicationsSqliteDatabase() throws SQLException {
        Path other = dir.resolve("other.db");
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + other);
                Statement statement = raw.createStatement()) {
            statement.execute("CREATE TABLE recipes (name TEXT)");
        }
        assertFailsNaming(other, "not a Trinn session store");
    }

    @Test
    void rejectsADatabaseFromANewerTrinn() throws SQLException {
        Path db = dir.resolve("trinn.db");
        SessionStore.open(db).close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = raw.createStatement()) {
            statement.execute("INSERT INTO schema_version VALUES (99, '2030-01-01T00:00:00.000000000Z')");
        }
        assertFailsNaming(db, "newer Trinn (schema version 99");
    }

    @Test
    void rejectsAFolderThatCannotBeCreated() throws IOException {
        Files.writeString(dir.resolve("file"), "x");
        assertFailsNaming(dir.resolve("file").resolve("trinn.db"), "cannot create the folder");
    }

    @Test
    void rejectsReadOnlyFilesAndFolders() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path folder = Files.createDirectory(dir.resolve("locked"));
        Path db = folder.resolve("trinn.db");
        SessionStore.open(db).close();
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
        try {
            assumeFalse(Files.isWritable(db), "permissions do not apply to this user (root?)");
            assertFailsNaming(db, "read-only");
            Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
            assertFailsNaming(folder.resolve("new.db"), "is read-only");
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void reportsALockedDatabase() throws SQLException {
        Path db = dir.resolve("trinn.db");
        try (SessionStore store = SessionStore.open(db, Duration.ofMillis(200))) {
            store.onEvent(Events.started("s", "p-1", Events.T0));
            try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
                    Statement statement = raw.createStatement()) {
                statement.execute("BEGIN EXCLUSIVE");
                StoreException e = assertThrows(StoreException.class,
                        () -> store.onEvent(Events.turn("s", 0, Events.T0.plusSeconds(1))));
                assertTrue(e.getMessage().contains(db.toString()), e.getMessage());
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
    void reportsADatabaseLockedExclusivelyWhenOpening() throws SQLException {
        Path db = dir.resolve("trinn.db");
        SessionStore.open(db).close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = raw.createStatement()) {
            statement.execute("PRAGMA locking_mode = EXCLUSIVE");
            statement.execute("BEGIN EXCLUSIVE");
            statement.execute("UPDATE schema_version SET applied_at = applied_at");
            statement.execute("COMMIT");
            StoreException e = assertThrows(StoreException.class,
                    () -> SessionStore.open(db, Duration.ofMillis(200)).close());
            assertTrue(e.getMessage().contains(db.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("locked"), e.getMessage());
        }
    }

    private List<Path> listing() throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void aVersionOneDatabaseIsMigratedAndKeepsItsTurns() throws SQLException {
        Path db = dir.resolve("v1.db");
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = raw.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            for (String sql : Schema.MIGRATIONS.get(0)) {
                statement.execute(sql);
            }
            statement.execute("INSERT INTO schema_version VALUES (1, '2026-01-01T00:00:00.000000000Z')");
            statement.execute("INSERT INTO clients (id, alias, created_at) VALUES (1, 'p-1', '2026-01-01T00:00:00.000000000Z')");
            statement.execute("""
                    INSERT INTO sessions (id, client_id, scenario_id, language, difficulty, started_at, status,
                        last_event_at) VALUES ('s-1', 1, 'coffee-order', 'en', 0.3, '2026-01-01T00:00:00.000000000Z',
                        'active', '2026-01-01T00:00:01.000000000Z')""");
            statement.execute("""
                    INSERT INTO turns VALUES ('s-1', 0, 'A tea', 'Small or large?', 'order', 'size', 'order_drink',
                        0.8, 1200, 2, '["ordered"]', 0, 0, 5000000, '2026-01-01T00:00:01.000000000Z')""");
        }
        try (SessionStore store = SessionStore.open(db)) {
            List<no.trinn.core.session.SessionEvent.TurnCompleted> turns = store.turns("s-1");
            assertEquals(1, turns.size());
            assertEquals("Small or large?", turns.getFirst().turn().characterText());
            assertTrue(turns.getFirst().turn().fallback().isEmpty());
            store.onEvent(Events.turn("s-1", 1, java.time.Instant.parse("2026-01-01T00:00:02Z")));
            store.onEvent(Events.turn("s-1", 2, java.time.Instant.parse("2026-01-01T00:00:03Z")));
            assertEquals(java.util.Optional.of("guard:role"), store.turns("s-1").get(2).turn().fallback());
        }
    }
}
