package no.trinn.store;

import java.util.List;
import java.util.Optional;

/**
 * The store's one schema as forward-only migrations: migration {@code n} (1-based) takes a database from version
 * {@code n - 1} to {@code n}, on SQLite and PostgreSQL alike. Migrations are never edited once released; a change
 * is a new migration appended here.
 *
 * <p>Each statement is written once. Where the two databases spell a type or a check differently, the statement
 * holds a token that {@link Dialect#schema} replaces ({@code {id}}, {@code {int}}, {@code {real}},
 * {@code {json:column}}, {@code {jsonArray:column}}); SQLite gets exactly the text it always had. A statement that
 * only one database needs is marked with {@link #only}: on PostgreSQL the helper function the JSON checks call, and
 * an explicit {@code rowid} column in {@code sessions} (SQLite has one implicitly), so the queries that order
 * sessions by recording order are the same on both.
 */
final class Schema {
    private Schema() {
    }

    /** One statement of a migration: for every database, or only for {@code only}. */
    record Step(Optional<Dialect> only, String template) {
    }

    private static Step both(String template) {
        return new Step(Optional.empty(), template);
    }

    private static Step only(Dialect dialect, String template) {
        return new Step(Optional.of(dialect), template);
    }

    /** The steps of each migration, in order. */
    static final List<List<Step>> MIGRATIONS = List.of(List.of(
            // The type of a JSON text ("object", "array", ...), NULL if it is not JSON; PostgreSQL 15 has no
            // IS JSON, and a bare cast in a CHECK would fail with a parse error instead of a check violation.
            only(Dialect.POSTGRESQL, """
                    CREATE FUNCTION trinn_json_type(value TEXT) RETURNS TEXT
                    LANGUAGE plpgsql IMMUTABLE STRICT AS $$
                    BEGIN
                        RETURN json_typeof(value::json);
                    EXCEPTION WHEN invalid_text_representation THEN
                        RETURN NULL;
                    END
                    $$"""),
            both("""
            CREATE TABLE clients (
                id         {id},
                alias      TEXT NOT NULL UNIQUE CHECK (length(alias) BETWEEN 1 AND 64),
                created_at TEXT NOT NULL
            )"""),
            both("""
            CREATE TABLE sessions (
                id               TEXT PRIMARY KEY NOT NULL,
                client_id        {int} NOT NULL REFERENCES clients (id),
                scenario_id      TEXT NOT NULL,
                language         TEXT NOT NULL,
                difficulty       {real} NOT NULL CHECK (difficulty BETWEEN 0 AND 1),
                started_at       TEXT NOT NULL,
                opened_at        TEXT,
                opened_state     TEXT,
                opened_line      TEXT,
                ended_at         TEXT,
                end_reason       TEXT,
                summary          TEXT CHECK (summary IS NULL OR {json:summary}),
                status           TEXT NOT NULL CHECK (status IN ('active', 'ended', 'interrupted')),
                last_event_at    TEXT NOT NULL,
                owner_pid        {int},
                owner_started_at TEXT,
                CHECK ((status = 'ended') = (ended_at IS NOT NULL AND end_reason IS NOT NULL AND summary IS NOT NULL)),
                CHECK ((opened_at IS NULL) = (opened_line IS NULL) AND (opened_at IS NULL) = (opened_state IS NULL))
            )"""),
            // Recording order, for sessions started at the same instant (SQLite's implicit rowid).
            only(Dialect.POSTGRESQL, "ALTER TABLE sessions ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE"),
            both("CREATE INDEX sessions_by_client ON sessions (client_id, started_at)"),
            both("CREATE INDEX sessions_active ON sessions (status) WHERE status = 'active'"),
            both("""
            CREATE TABLE turns (
                session_id     TEXT NOT NULL REFERENCES sessions (id),
                turn_index     {int} NOT NULL CHECK (turn_index >= 0),
                client_text    TEXT NOT NULL,
                character_text TEXT NOT NULL,
                state_before   TEXT NOT NULL,
                state_after    TEXT NOT NULL,
                intent         TEXT,
                confidence     {real} NOT NULL CHECK (confidence BETWEEN 0 AND 1),
                response_ms    {int} NOT NULL CHECK (response_ms >= 0),
                words          {int} NOT NULL CHECK (words >= 0),
                goal_steps     TEXT NOT NULL CHECK ({jsonArray:goal_steps}),
                repair         {int} NOT NULL CHECK (repair IN (0, 1)),
                question       {int} NOT NULL CHECK (question IN (0, 1)),
                processing_ns  {int} NOT NULL CHECK (processing_ns >= 0),
                at             TEXT NOT NULL,
                PRIMARY KEY (session_id, turn_index)
            )"""),
            both("""
            CREATE TABLE safety_events (
                id         {id},
                session_id TEXT NOT NULL REFERENCES sessions (id),
                turn_index {int} NOT NULL CHECK (turn_index >= 0),
                kind       TEXT NOT NULL,
                severity   {int} NOT NULL CHECK (severity BETWEEN 1 AND 3),
                method     TEXT NOT NULL,
                score      {real} NOT NULL CHECK (score BETWEEN 0 AND 1),
                at         TEXT NOT NULL
            )"""),
            both("CREATE INDEX safety_events_by_session ON safety_events (session_id, id)"),
            both("""
            CREATE TABLE pauses (
                id         {id},
                session_id TEXT NOT NULL REFERENCES sessions (id),
                paused     {int} NOT NULL CHECK (paused IN (0, 1)),
                reason     TEXT NOT NULL,
                at         TEXT NOT NULL
            )"""),
            both("CREATE INDEX pauses_by_session ON pauses (session_id, id)")),
            // 2: why authored words replaced a generative engine's reply (a reason code, never text)
            List.of(both("ALTER TABLE turns ADD COLUMN fallback TEXT CHECK (fallback IS NULL OR length(fallback) > 0)")),
            // 3: adaptation: the controller's decisions, the session's score and the client model after it,
            // confidence ratings, the follow-up of the previous session's task, the therapist's settings
            List.of(
                    both("""
                    CREATE TABLE decisions (
                        id            {id},
                        session_id    TEXT NOT NULL REFERENCES sessions (id),
                        scope         TEXT NOT NULL CHECK (scope IN ('WITHIN_SESSION', 'BETWEEN_SESSIONS')),
                        turn_index    {int} NOT NULL CHECK (turn_index >= -1),
                        before_values TEXT NOT NULL CHECK ({json:before_values}),
                        after_values  TEXT NOT NULL CHECK ({json:after_values}),
                        inputs        TEXT NOT NULL CHECK ({json:inputs}),
                        reason        TEXT NOT NULL,
                        next_scenario TEXT,
                        at            TEXT NOT NULL
                    )"""),
                    both("CREATE INDEX decisions_by_session ON decisions (session_id, id)"),
                    both("""
                    CREATE TABLE level_estimates (
                        session_id   TEXT NOT NULL REFERENCES sessions (id),
                        scale        TEXT NOT NULL,
                        mean         {real} NOT NULL CHECK (mean BETWEEN 0 AND 1),
                        sd           {real} NOT NULL CHECK (sd > 0 AND sd <= 1),
                        observations {int} NOT NULL CHECK (observations >= 0),
                        PRIMARY KEY (session_id, scale)
                    )"""),
                    both("""
                    CREATE TABLE client_settings (
                        client_id  {int} PRIMARY KEY REFERENCES clients (id),
                        settings   TEXT NOT NULL CHECK ({json:settings}),
                        updated_at TEXT NOT NULL
                    )"""),
                    both("ALTER TABLE sessions ADD COLUMN goal_score {real} CHECK (goal_score BETWEEN 0 AND 1)"),
                    both("ALTER TABLE sessions ADD COLUMN success_rate {real} CHECK (success_rate BETWEEN 0 AND 1)"),
                    both("ALTER TABLE sessions ADD COLUMN mean_response_ms {real} CHECK (mean_response_ms >= 0)"),
                    both("ALTER TABLE sessions ADD COLUMN start_difficulty {real}"
                            + " CHECK (start_difficulty BETWEEN 0 AND 1)"),
                    both("ALTER TABLE sessions ADD COLUMN end_difficulty {real} CHECK (end_difficulty BETWEEN 0 AND 1)"),
                    both("ALTER TABLE sessions ADD COLUMN confidence_before {int}"
                            + " CHECK (confidence_before BETWEEN 1 AND 5)"),
                    both("ALTER TABLE sessions ADD COLUMN confidence_after {int}"
                            + " CHECK (confidence_after BETWEEN 1 AND 5)"),
                    both("ALTER TABLE sessions ADD COLUMN follows_session TEXT"),
                    both("""
                    ALTER TABLE sessions ADD COLUMN task_outcome TEXT
                        CHECK (task_outcome IS NULL OR task_outcome IN ('DONE', 'TRIED', 'NOT_YET'))""")),
            // 4: the computer that recorded a session's start: with a shared database, a process id means
            // something only on its own computer, so crash recovery judges only this computer's sessions
            List.of(both("ALTER TABLE sessions ADD COLUMN owner_host TEXT")),
            // 5: commands a therapist sends to a running session (pause, resume, stop, new settings), taken by the
            // process that records the session; the partial index finds the waiting ones of a session at once
            List.of(
                    both("""
                    CREATE TABLE session_commands (
                        id         {id},
                        session_id TEXT NOT NULL REFERENCES sessions (id),
                        kind       TEXT NOT NULL CHECK (kind IN ('PAUSE', 'RESUME', 'STOP', 'SETTINGS')),
                        payload    TEXT NOT NULL CHECK ({json:payload}),
                        issued_at  TEXT NOT NULL,
                        taken_at   TEXT
                    )"""),
                    both("CREATE INDEX session_commands_waiting ON session_commands (session_id, id)"
                            + " WHERE taken_at IS NULL")));

    /** The statements of migration {@code version} (1-based) for {@code dialect}, tokens replaced. */
    static List<String> statements(int version, Dialect dialect) {
        return MIGRATIONS.get(version - 1).stream()
                .filter(step -> step.only().map(dialect::equals).orElse(true))
                .map(step -> dialect.schema(step.template()))
                .toList();
    }

    /** The version a database has after every migration here. */
    static int latestVersion() {
        return MIGRATIONS.size();
    }
}
