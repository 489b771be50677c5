package no.trinn.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The databases the store's behavioural tests run on. SQLite always; PostgreSQL when the environment names a test
 * server ({@value #URL}, {@value #USER}, {@value #PASSWORD}; {@code .ci/run} starts one and sets them), else its tests
 * are skipped with that reason.
 */
enum Backend {
    SQLITE,
    POSTGRESQL;

    static final String URL = "TRINN_TEST_POSTGRES_URL";
    static final String USER = "TRINN_TEST_POSTGRES_USER";
    static final String PASSWORD = "TRINN_TEST_POSTGRES_PASSWORD";

    /** A new, empty store location for one test; for SQLite the file {@code file}. Close it to drop it. */
    Place place(Path file) {
        return switch (this) {
            case SQLITE -> new Place(this, file.toString(), "jdbc:sqlite:" + file, Optional.empty());
            case POSTGRESQL -> {
                Optional<String> url = variable(URL);
                Optional<String> user = variable(USER);
                Optional<String> password = variable(PASSWORD);
                assumeTrue(url.isPresent() && user.isPresent() && password.isPresent(), "no PostgreSQL server to"
                        + " test against: set " + URL + ", " + USER + " and " + PASSWORD + " (.ci/run starts one)");
                String schema = "t_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
                String base = url.orElseThrow();
                String scoped = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
                Place place = new Place(this, scoped, scoped, Optional.of(schema));
                try (Connection raw = DriverManager.getConnection(base, credentials());
                        Statement statement = raw.createStatement()) {
                    statement.execute("CREATE SCHEMA " + schema);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot create a test schema on " + base + ": " + e, e);
                }
                yield place;
            }
        };
    }

    static Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", variable(USER).orElseThrow());
        properties.setProperty("password", variable(PASSWORD).orElseThrow());
        return properties;
    }

    private static Optional<String> variable(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }

    /**
     * One test's store location.
     *
     * @param where the file path or the JDBC URL the store is opened with
     * @param rawUrl a JDBC URL for a plain connection to the same database, to look behind the store's back
     * @param schema the PostgreSQL schema made for the test
     */
    record Place(Backend backend, String where, String rawUrl, Optional<String> schema) implements AutoCloseable {
        SessionStore open() {
            return open(SessionStore.DEFAULT_BUSY_TIMEOUT);
        }

        SessionStore open(Duration busyTimeout) {
            return switch (backend) {
                case SQLITE -> SessionStore.open(Path.of(where), busyTimeout);
                case POSTGRESQL -> SessionStore.connect(where, credentials(), busyTimeout);
            };
        }

        /** What messages about this store name. */
        String shown() {
            return backend == SQLITE ? where : SessionStore.displayUrl(where);
        }

        Connection raw() throws SQLException {
            return backend == SQLITE ? DriverManager.getConnection(rawUrl)
                    : DriverManager.getConnection(rawUrl, credentials());
        }

        /** The store's tables, by name. */
        List<String> tables() throws SQLException {
            String sql = backend == SQLITE
                    ? "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"
                    : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                            + " ORDER BY table_name";
            try (Connection raw = raw(); Statement statement = raw.createStatement();
                    var rows = statement.executeQuery(sql)) {
                List<String> tables = new java.util.ArrayList<>();
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
                return tables;
            }
        }

        @Override
        public void close() throws SQLException {
            if (schema.isPresent()) {
                try (Connection raw = DriverManager.getConnection(variable(URL).orElseThrow(), credentials());
                        Statement statement = raw.createStatement()) {
                    statement.execute("DROP SCHEMA " + schema.get() + " CASCADE");
                }
            }
        }
    }
}
