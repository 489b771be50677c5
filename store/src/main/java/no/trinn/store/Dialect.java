package no.trinn.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What differs between the two databases the store runs on; everything else in the store's SQL is written once.
 *
 * <ul>
 *   <li>Schema text: {@link Schema} writes each statement once with tokens for the few type and check differences
 *       ({@link #schema}); statements that exist on one database only are marked so there.
 *   <li>JSON: SQLite's {@code json_extract}, PostgreSQL's {@code ->>} on the column cast to {@code jsonb}. JSON is
 *       stored as text on both, so it reads back exactly as written (jsonb would reorder object keys).
 *   <li>Write transactions: SQLite's {@code BEGIN IMMEDIATE} takes the database's one write lock; on PostgreSQL a
 *       transaction-scoped advisory lock plays that part, so writers are serialised the same way on both and the
 *       store's check-then-write steps (a turn recorded twice, a session ended twice) stay correct.
 *   <li>Lock waits: SQLite's busy timeout, PostgreSQL's {@code lock_timeout}.
 *   <li>Ordering by text: byte (code-point) order on both; PostgreSQL is told {@code COLLATE "C"}.
 *   <li>Error codes: SQLite's result codes and PostgreSQL's SQLSTATEs both map to the same plain messages.
 * </ul>
 */
enum Dialect {
    /** A database file on this computer. */
    SQLITE("SQLite") {
        @Override
        String token(String name, String argument) {
            return switch (name) {
                case "id" -> "INTEGER PRIMARY KEY";
                case "int" -> "INTEGER";
                case "real" -> "REAL";
                case "json" -> "json_valid(" + argument + ")";
                case "jsonArray" -> "json_valid(" + argument + ") AND json_type(" + argument + ") = 'array'";
                default -> throw new IllegalArgumentException("unknown schema token " + name);
            };
        }

        @Override
        List<String> setup(long busyMillis) {
            return List.of("PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL");
        }

        @Override
        void begin(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
            }
        }

        @Override
        void commit(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("COMMIT");
            }
        }

        @Override
        void rollback(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ROLLBACK");
            }
        }

        @Override
        String tableCount(boolean versionTableOnly) {
            return "SELECT count(*) FROM sqlite_schema"
                    + (versionTableOnly ? " WHERE type = 'table' AND name = 'schema_version'" : "");
        }

        @Override
        String jsonText(String column, String key) {
            return "json_extract(" + column + ", '$." + key + "')";
        }

        @Override
        String jsonFlag(String column, String key) {
            return "coalesce(json_extract(" + column + ", '$." + key + "'), 0)";
        }

        @Override
        String greatest() {
            return "max";
        }

        @Override
        String codePoints(String expression) {
            return expression;
        }

        @Override
        List<String> beforeDelete() {
            return List.of("PRAGMA secure_delete = ON");
        }

        @Override
        List<String> afterDelete() {
            return List.of("PRAGMA secure_delete = OFF");
        }

        @Override
        String describe(SQLException e, long busyMillis) {
            int code = e.getErrorCode() & 0xFF;
            return switch (code) {
                case 3 -> "permission denied";
                case 5, 6 -> locked(busyMillis);
                case 8 -> "the database is read-only (check the permissions of the file and its folder, and whether"
                        + " the disk is mounted read-only)";
                case 10 -> "disk input/output error (" + e.getMessage() + ")";
                case 11 -> "the database file is corrupt";
                case 13 -> "the disk is full";
                case 14 -> "the database file cannot be opened or created (check that its folder exists and is"
                        + " writable)";
                case 19 -> conflict(e);
                case 26 -> "the file is not an SQLite database";
                default -> "SQLite error " + code + " (" + e.getMessage() + ")";
            };
        }
    },

    /** A database on a PostgreSQL server, shared by the computers of a clinic. */
    POSTGRESQL("PostgreSQL") {
        /** The key of the advisory lock that serialises the store's write transactions ("trinn" in ASCII). */
        private static final long WRITE_LOCK = 0x7472696e6eL;

        @Override
        String token(String name, String argument) {
            return switch (name) {
                case "id" -> "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
                case "int" -> "BIGINT";
                case "real" -> "DOUBLE PRECISION";
                case "json" -> "trinn_json_type(" + argument + ") IS NOT NULL";
                case "jsonArray" -> "trinn_json_type(" + argument + ") = 'array'";
                default -> throw new IllegalArgumentException("unknown schema token " + name);
            };
        }

        @Override
        List<String> setup(long busyMillis) {
            // lock_timeout 0 would mean "wait for ever"; a busy timeout of 0 means "do not wait".
            return List.of("SET lock_timeout = " + Math.max(1, busyMillis));
        }

        @Override
        void begin(Connection connection) throws SQLException {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, WRITE_LOCK);
                lock.execute();
            }
        }

        @Override
        void commit(Connection connection) throws SQLException {
            connection.commit();
            connection.setAutoCommit(true);
        }

        @Override
        void rollback(Connection connection) throws SQLException {
            try {
                connection.rollback();
            } finally {
                connection.setAutoCommit(true);
            }
        }

        @Override
        String tableCount(boolean versionTableOnly) {
            return "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
                    + (versionTableOnly ? " AND table_name = 'schema_version'" : "");
        }

        @Override
        String jsonText(String column, String key) {
            return "(" + column + "::jsonb ->> '" + key + "')";
        }

        @Override
        String jsonFlag(String column, String key) {
            return "(CASE WHEN " + column + "::jsonb -> '" + key + "' = 'true'::jsonb THEN 1 ELSE 0 END)";
        }

        @Override
        String greatest() {
            return "greatest";
        }

        @Override
        String codePoints(String expression) {
            return expression + " COLLATE \"C\"";
        }

        @Override
        List<String> beforeDelete() {
            return List.of();
        }

        @Override
        List<String> afterDelete() {
            return List.of();
        }

        @Override
        String describe(SQLException e, long busyMillis) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            String message = e.getMessage();
            return switch (state) {
                case "28000", "28P01" -> "the server refused the user name or password (" + message + ")";
                case "3D000" -> "the database does not exist on the server (" + message + "); create it first";
                case "3F000" -> "the schema named by currentSchema in the URL does not exist; create it first";
                case "42501" -> "permission denied: the database user lacks a privilege (" + message + ")";
                case "55P03" -> locked(busyMillis);
                case "40001", "40P01" -> "another connection changed the same records at the same time; try again";
                case "25006" -> "the database is read-only (a standby server, or a read-only user or transaction)";
                case "53100" -> "the server's disk is full";
                case "57P01", "57P02", "57P03" -> "the database server is shutting down or starting up (" + message
                        + ")";
                default -> {
                    if (state.startsWith("08")) {
                        yield "cannot reach the database server (" + message + "); check the URL and that the"
                                + " server is running and accepts connections from this computer";
                    }
                    if (state.startsWith("23")) {
                        yield conflict(e);
                    }
                    yield "PostgreSQL error " + (state.isEmpty() ? "without SQLSTATE" : state) + " (" + message + ")";
                }
            };
        }
    };

    private static final Pattern TOKEN = Pattern.compile("\\{(\\w+)(?::(\\w+))?}");

    private final String product;

    Dialect(String product) {
        this.product = product;
    }

    /** The database's name for messages: "SQLite" or "PostgreSQL". */
    String product() {
        return product;
    }

    /**
     * {@code template} with each token replaced by this database's text: {@code {id}} a surrogate key assigned on
     * insert, {@code {int}} a 64-bit integer, {@code {real}} a 64-bit float, {@code {json:c}} a check that column
     * {@code c} holds JSON, {@code {jsonArray:c}} a check that it holds a JSON array.
     */
    String schema(String template) {
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(token(m.group(1), m.group(2))));
        }
        return m.appendTail(out).toString();
    }

    abstract String token(String name, String argument);

    /** Statements run once on each new connection; {@code busyMillis} is how long a lock may be waited for. */
    abstract List<String> setup(long busyMillis);

    /** Starts a write transaction, waiting (up to the busy timeout) until no other writer holds one. */
    abstract void begin(Connection connection) throws SQLException;

    abstract void commit(Connection connection) throws SQLException;

    abstract void rollback(Connection connection) throws SQLException;

    /** A query of the number of tables in the store's database (or schema), or of schema_version tables only. */
    abstract String tableCount(boolean versionTableOnly);

    /** The text of the top-level {@code key} of the JSON object in {@code column}, SQL NULL if absent. */
    abstract String jsonText(String column, String key);

    /** 1 if the top-level {@code key} of the JSON object in {@code column} is {@code true}, else 0. */
    abstract String jsonFlag(String column, String key);

    /** The name of the function of two values that returns the larger. */
    abstract String greatest();

    /** {@code expression} (text) made to sort in code-point order. */
    abstract String codePoints(String expression);

    /** Statements run before deleting a client's records, outside the transaction. */
    abstract List<String> beforeDelete();

    /** Statements run after deleting a client's records (also after a failure), outside the transaction. */
    abstract List<String> afterDelete();

    /**
     * What went wrong, in words for the person running Trinn; never repeats stored values (PostgreSQL connections
     * are opened with {@code logServerErrorDetail=false}, so the server's row details stay out of messages).
     */
    abstract String describe(SQLException e, long busyMillis);

    private static String locked(long busyMillis) {
        return "the database is locked by another program or Trinn process (waited " + busyMillis
                + " ms); close it and try again";
    }

    private static String conflict(SQLException e) {
        return "the record conflicts with the stored data (" + e.getMessage() + ")";
    }
}
