package no.trinn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connecting to PostgreSQL: what is refused before connecting, and the messages when connecting fails. */
class PostgresConnectTest {
    private static final String SECRET = "s3cret-Pa55";

    @TempDir
    Path dir;

    private static Properties login(String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return properties;
    }

    @Test
    void refusesOtherUrlsAndPasswordsInTheUrl() {
        StoreException sqlite = assertThrows(StoreException.class,
                () -> SessionStore.connect("jdbc:sqlite:/tmp/x.db", login("u", SECRET)));
        assertTrue(sqlite.getMessage().contains("not a PostgreSQL URL"), sqlite.getMessage());
        StoreException inUrl = assertThrows(StoreException.class, () -> SessionStore.connect(
                "jdbc:postgresql://db.clinic/trinn?sslmode=require&Password=" + SECRET, login("u", "")));
        assertTrue(inUrl.getMessage().contains("holds a password"), inUrl.getMessage());
        assertFalse(inUrl.getMessage().contains(SECRET), inUrl.getMessage());
        assertTrue(inUrl.getMessage().contains("jdbc:postgresql://db.clinic/trinn:"), inUrl.getMessage());
    }

    @Test
    void showsUrlsWithoutParametersOrUserInformation() {
        assertEquals("jdbc:postgresql://db.clinic:5433/trinn",
                SessionStore.displayUrl("jdbc:postgresql://db.clinic:5433/trinn?currentSchema=a&user=b"));
        assertEquals("jdbc:postgresql://db/trinn", SessionStore.displayUrl("jdbc:postgresql://u:pw@db/trinn"));
    }

    @Test
    void reportsAServerThatCannotBeReached() {
        StoreException e = assertThrows(StoreException.class, () -> SessionStore.connect(
                "jdbc:postgresql://127.0.0.1:1/trinn?connectTimeout=2", login("trinn", SECRET)));
        assertTrue(e.getMessage().startsWith("session store jdbc:postgresql://127.0.0.1:1/trinn: cannot connect"),
                e.getMessage());
        assertTrue(e.getMessage().contains("cannot reach the database server"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void reportsAWrongPasswordWithoutRepeatingIt() {
        Backend.Place place = Backend.POSTGRESQL.place(dir.resolve("unused"));
        try (place) {
            String url = place.where();
            String user = Backend.credentials().getProperty("user");
            StoreException e = assertThrows(StoreException.class,
                    () -> SessionStore.connect(url, login(user, SECRET)));
            assertTrue(e.getMessage().contains("refused the user name or password"), e.getMessage());
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
            assertFalse(e.getMessage().contains("currentSchema"), e.getMessage());
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aServerStoreHasALocationButNoFile() throws java.sql.SQLException {
        try (Backend.Place place = Backend.POSTGRESQL.place(dir.resolve("unused"));
                SessionStore store = place.open()) {
            assertEquals(Optional.empty(), store.file());
            assertEquals(place.shown(), store.location());
            StoreException e = assertThrows(StoreException.class, store::path);
            assertTrue(e.getMessage().contains("database server"), e.getMessage());
        }
    }
}
