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
                        "safety_events", "schema_version", "session_commands", "sessions", "turns"),
                        tables);
            }
        }
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
}
