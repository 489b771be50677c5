package no.trinn.store;

import java.util.List;

/**
 * The store's schema as forward-only migrations: migration {@code n} (1-based) takes a database from version
 * {@code n - 1} to {@code n}. Migrations are never edited once released; a change is a new migration appended here.
 */
final class Schema {
    private Schema() {
    }

    /** Statements of each migration, in order. */
    static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE clients (
                id         INTEGER PRIMARY KEY,
                alias      TEXT NOT NULL UNIQUE CHECK (length(alias) BETWEEN 1 AND 64),
                created_at TEXT NOT NULL
            )""",
            """
            CREATE TABLE sessions (
                id               TEXT PRIMARY KEY NOT NULL,
                client_id        INTEGER NOT NULL REFERENCES clients (id),
                scenario_id      TEXT NOT NULL,
                language         TEXT NOT NULL,
                difficulty       REAL NOT NULL CHECK (difficulty BETWEEN 0 AND 1),
                started_at       TEXT NOT NULL,
                opened_at        TEXT,
                opened_state     TEXT,
                opened_line      TEXT,
                ended_at         TEXT,
                end_reason       TEXT,
                summary          TEXT CHECK (summary IS NULL OR json_valid(summary)),
                status           TEXT NOT NULL CHECK (status IN ('active', 'ended', 'interrupted')),
                last_event_at    TEXT NOT NULL,
                owner_pid        INTEGER,
                owner_started_at TEXT,
                CHECK ((status = 'ended') = (ended_at IS NOT NULL AND end_reason IS NOT NULL AND summary IS NOT NULL)),
                CHECK ((opened_at IS NULL) = (opened_line IS NULL) AND (opened_at IS NULL) = (opened_state IS NULL))
            )""",
            "CREATE INDEX sessions_by_client ON sessions (client_id, started_at)",
            "CREATE INDEX sessions_active ON sessions (status) WHERE status = 'active'",
            """
            CREATE TABLE turns (
                session_id     TEXT NOT NULL REFERENCES sessions (id),
                turn_index     INTEGER NOT NULL CHECK (turn_index >= 0),
                client_text    TEXT NOT NULL,
                character_text TEXT NOT NULL,
                state_before   TEXT NOT NULL,
                state_after    TEXT NOT NULL,
                intent         TEXT,
                confidence     REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
                response_ms    INTEGER NOT NULL CHECK (response_ms >= 0),
                words          INTEGER NOT NULL CHECK (words >= 0),
                goal_steps     TEXT NOT NULL CHECK (json_valid(goal_steps) AND json_type(goal_steps) = 'array'),
                repair         INTEGER NOT NULL CHECK (repair IN (0, 1)),
                question       INTEGER NOT NULL CHECK (question IN (0, 1)),
                processing_ns  INTEGER NOT NULL CHECK (processing_ns >= 0),
                at             TEXT NOT NULL,
                PRIMARY KEY (session_id, turn_index)
            )""",
            """
            CREATE TABLE safety_events (
                id         INTEGER PRIMARY KEY,
                session_id TEXT NOT NULL REFERENCES sessions (id),
                turn_index INTEGER NOT NULL CHECK (turn_index >= 0),
                kind       TEXT NOT NULL,
                severity   INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),
                method     TEXT NOT NULL,
                score      REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
                at         TEXT NOT NULL
            )""",
            "CREATE INDEX safety_events_by_session ON safety_events (session_id, id)",
            """
            CREATE TABLE pauses (
                id         INTEGER PRIMARY KEY,
                session_id TEXT NOT NULL REFERENCES sessions (id),
                paused     INTEGER NOT NULL CHECK (paused IN (0, 1)),
                reason     TEXT NOT NULL,
                at         TEXT NOT NULL
            )""",
            "CREATE INDEX pauses_by_session ON pauses (session_id, id)"),
            // 2: why authored words replaced a generative engine's reply (a reason code, never text)
            List.of("ALTER TABLE turns ADD COLUMN fallback TEXT CHECK (fallback IS NULL OR length(fallback) > 0)"),
            // 3: adaptation: the controller's decisions, the session's score and the client model after it,
            // confidence ratings, the follow-up of the previous session's task, the therapist's settings
            List.of(
                    """
                    CREATE TABLE decisions (
                        id            INTEGER PRIMARY KEY,
                        session_id    TEXT NOT NULL REFERENCES sessions (id),
                        scope         TEXT NOT NULL CHECK (scope IN ('WITHIN_SESSION', 'BETWEEN_SESSIONS')),
                        turn_index    INTEGER NOT NULL CHECK (turn_index >= -1),
                        before_values TEXT NOT NULL CHECK (json_valid(before_values)),
                        after_values  TEXT NOT NULL CHECK (json_valid(after_values)),
                        inputs        TEXT NOT NULL CHECK (json_valid(inputs)),
                        reason        TEXT NOT NULL,
                        next_scenario TEXT,
                        at            TEXT NOT NULL
                    )""",
                    "CREATE INDEX decisions_by_session ON decisions (session_id, id)",
                    """
                    CREATE TABLE level_estimates (
                        session_id   TEXT NOT NULL REFERENCES sessions (id),
                        scale        TEXT NOT NULL,
                        mean         REAL NOT NULL CHECK (mean BETWEEN 0 AND 1),
                        sd           REAL NOT NULL CHECK (sd > 0 AND sd <= 1),
                        observations INTEGER NOT NULL CHECK (observations >= 0),
                        PRIMARY KEY (session_id, scale)
                    )""",
                    """
                    CREATE TABLE client_settings (
                        client_id  INTEGER PRIMARY KEY REFERENCES clients (id),
                        settings   TEXT NOT NULL CHECK (json_valid(settings)),
                        updated_at TEXT NOT NULL
                    )""",
                    "ALTER TABLE sessions ADD COLUMN goal_score REAL CHECK (goal_score BETWEEN 0 AND 1)",
                    "ALTER TABLE sessions ADD COLUMN success_rate REAL CHECK (success_rate BETWEEN 0 AND 1)",
                    "ALTER TABLE sessions ADD COLUMN mean_response_ms REAL CHECK (mean_response_ms >= 0)",
                    "ALTER TABLE sessions ADD COLUMN start_difficulty REAL CHECK (start_difficulty BETWEEN 0 AND 1)",
                    "ALTER TABLE sessions ADD COLUMN end_difficulty REAL CHECK (end_difficulty BETWEEN 0 AND 1)",
                    "ALTER TABLE sessions ADD COLUMN confidence_before INTEGER CHECK (confidence_before BETWEEN 1 AND 5)",
                    "ALTER TABLE sessions ADD COLUMN confidence_after INTEGER CHECK (confidence_after BETWEEN 1 AND 5)",
                    "ALTER TABLE sessions ADD COLUMN follows_session TEXT",
                    """
                    ALTER TABLE sessions ADD COLUMN task_outcome TEXT
                        CHECK (task_outcome IS NULL OR task_outcome IN ('DONE', 'TRIED', 'NOT_YET'))"""));

    /** The version a database has after every migration here. */
    static int latestVersion() {
        return MIGRATIONS.size();
    }
}
