package no.trinn.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.Decision;
import no.trinn.core.session.LevelEstimate;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionScore;

/**
 * The SQL of the adaptation records (decisions, scores, level estimates, confidence, task follow-ups, therapist
 * settings), run by {@link SessionStore} inside its transactions. Methods throw {@link SQLException} for the store
 * to turn into one message; {@code at} values are already formatted.
 */
final class AdaptationRows {
    private AdaptationRows() {
    }

    static void insertDecision(Connection connection, SessionEvent.Decided decided, String at) throws SQLException {
        Decision d = decided.decision();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO decisions (session_id, scope, turn_index, before_values, after_values, inputs, reason,
                    next_scenario, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, decided.sessionId());
            insert.setString(2, d.scope().name());
            insert.setInt(3, d.turnIndex());
            insert.setString(4, Json.numbers(d.before()));
            insert.setString(5, Json.numbers(d.after()));
            insert.setString(6, Json.numbers(d.inputs()));
            insert.setString(7, d.reason());
            insert.setString(8, d.nextScenario().orElse(null));
            insert.setString(9, at);
            insert.executeUpdate();
        }
    }

    static void updateScore(Connection connection, SessionEvent.Assessed assessed) throws SQLException {
        SessionScore s = assessed.score();
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE sessions SET goal_score = ?, success_rate = ?, mean_response_ms = ?, start_difficulty = ?,
                    end_difficulty = ?
                WHERE id = ?""")) {
            update.setDouble(1, s.goalScore());
            update.setDouble(2, s.successRate());
            update.setDouble(3, s.meanResponseMillis());
            update.setDouble(4, s.startDifficulty());
            update.setDouble(5, s.endDifficulty());
            update.setString(6, assessed.sessionId());
            update.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO level_estimates (session_id, scale, mean, sd, observations) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (session_id, scale) DO UPDATE SET mean = excluded.mean, sd = excluded.sd,
                    observations = excluded.observations""")) {
            for (LevelEstimate level : assessed.levels()) {
                insert.setString(1, assessed.sessionId());
                insert.setString(2, level.scale());
                insert.setDouble(3, level.mean());
                insert.setDouble(4, level.sd());
                insert.setInt(5, level.observations());
                insert.executeUpdate();
            }
        }
    }

    static void updateConfidence(Connection connection, SessionEvent.ConfidenceRated rated) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE sessions SET "
                + (rated.before() ? "confidence_before" : "confidence_after") + " = ? WHERE id = ?")) {
            update.setInt(1, rated.rating());
            update.setString(2, rated.sessionId());
            update.executeUpdate();
        }
    }

    static void updateFollowUp(Connection connection, SessionEvent.TaskFollowedUp followUp) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE sessions SET follows_session = ?, task_outcome = ? WHERE id = ?")) {
            update.setString(1, followUp.previousSessionId());
            update.setString(2, followUp.outcome().name());
            update.setString(3, followUp.sessionId());
            update.executeUpdate();
        }
    }

    /** The decisions of one session: {@link #decision} reads a row; the one parameter is the session id. */
    static final String DECISIONS_SQL = """
            SELECT id, scope, turn_index, before_values, after_values, inputs, reason, next_scenario, at
            FROM decisions WHERE session_id = ?""";

    /** The decision in the current row of {@code rows}, a result of {@link #DECISIONS_SQL}. */
    static SessionEvent.Decided decision(ResultSet rows, String sessionId, Reader reader) throws SQLException {
        long row = rows.getLong(1);
        String scope = rows.getString(2);
        int turnIndex = rows.getInt(3);
        String before = rows.getString(4);
        String after = rows.getString(5);
        String inputs = rows.getString(6);
        String reason = rows.getString(7);
        Optional<String> next = Optional.ofNullable(rows.getString(8));
        String at = rows.getString(9);
        return reader.read(() -> new SessionEvent.Decided(sessionId, Times.parse(at, "at"),
                new Decision(Decision.Scope.valueOf(scope), turnIndex, Json.parseNumbers(before),
                        Json.parseNumbers(after), Json.parseNumbers(inputs), reason, next)),
                "decision " + row + " of session " + sessionId);
    }

    /** The latest estimate per scale of the client with {@code alias}, by scale name. */
    static List<LevelEstimate> levels(Connection connection, Dialect dialect, String alias, Reader reader)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT scale, mean, sd, observations FROM (
                    SELECT l.scale, l.mean, l.sd, l.observations, row_number() OVER (PARTITION BY l.scale
                        ORDER BY s.started_at DESC, s.rowid DESC) AS newest
                    FROM level_estimates l JOIN sessions s ON s.id = l.session_id
                    JOIN clients c ON c.id = s.client_id WHERE c.alias = ?) AS estimates
                WHERE newest = 1 ORDER BY %s""".formatted(dialect.codePoints("scale")))) {
            query.setString(1, alias);
            return estimates(query, reader, "");
        }
    }

    /** The estimates recorded after session {@code sessionId}, by scale name. */
    static List<LevelEstimate> sessionLevels(Connection connection, Dialect dialect, String sessionId,
            Reader reader) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT scale, mean, sd, observations FROM level_estimates WHERE session_id = ? ORDER BY "
                        + dialect.codePoints("scale"))) {
            query.setString(1, sessionId);
            return estimates(query, reader, " of session " + sessionId);
        }
    }

    /** The rows (scale, mean, sd, observations) of {@code query} as estimates; {@code where} ends problem names. */
    private static List<LevelEstimate> estimates(PreparedStatement query, Reader reader, String where)
            throws SQLException {
        List<LevelEstimate> result = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String scale = rows.getString(1);
                double mean = rows.getDouble(2);
                double sd = rows.getDouble(3);
                int observations = rows.getInt(4);
                result.add(reader.read(() -> new LevelEstimate(scale, mean, sd, observations),
                        "level estimate " + scale + where));
            }
        }
        return List.copyOf(result);
    }

    static Optional<ClientSettings> settings(Connection connection, String alias, Reader reader)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT t.settings FROM client_settings t JOIN clients c ON c.id = t.client_id WHERE c.alias = ?""")) {
            query.setString(1, alias);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String json = rows.getString(1);
                return Optional.of(reader.read(() -> Json.parseSettings(json), "the therapist's settings"));
            }
        }
    }

    static void saveSettings(Connection connection, String alias, ClientSettings settings, String at)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO clients (alias, created_at) VALUES (?, ?) ON CONFLICT (alias) DO NOTHING")) {
            insert.setString(1, alias);
            insert.setString(2, at);
            insert.executeUpdate();
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO client_settings (client_id, settings, updated_at)
                VALUES ((SELECT id FROM clients WHERE alias = ?), ?, ?)
                ON CONFLICT (client_id) DO UPDATE SET settings = excluded.settings,
                    updated_at = excluded.updated_at""")) {
            upsert.setString(1, alias);
            upsert.setString(2, Json.settings(settings));
            upsert.setString(3, at);
            upsert.executeUpdate();
        }
    }

    /** Reads a value, turning a malformed one into a store error naming {@code what}. */
    @FunctionalInterface
    interface Reader {
        <T> T read(java.util.function.Supplier<T> reading, String what);
    }
}
