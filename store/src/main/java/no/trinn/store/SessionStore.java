package no.trinn.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.OptionalInt;
import no.trinn.core.Require;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.LevelEstimate;
import no.trinn.core.session.SafetyEvent;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionObserver;
import no.trinn.core.session.SessionScore;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;
import org.sqlite.SQLiteConfig;

/**
 * The session record: pseudonymous clients, sessions, turns, safety events, pauses and adaptation records, in one
 * SQLite database file ({@link #open(Path)}, the default) or in a PostgreSQL database shared by a clinic's computers
 * ({@link #connect(String, Properties)}). Both hold the same schema, brought up to date by the same versioned
 * migrations, and behave the same; the few differences of SQL live in {@link Dialect}.
 *
 * <p><b>Opening.</b> {@link #open(Path)} opens the file or creates it (and its missing parent folders), switches it
 * to write-ahead logging (readers never block the writer, and a reader in another process sees each event as soon as
 * it is committed), turns foreign keys on, and brings the schema up to {@link #SCHEMA_VERSION} with forward-only
 * migrations recorded in the {@code schema_version} table. A path that is a folder, a file that is not an SQLite
 * database, an SQLite database that is not a Trinn store or was written by a newer Trinn, a read-only file or folder,
 * and a database locked for longer than the busy timeout each give one {@link StoreException} naming the path and
 * the problem.
 *
 * <p><b>Connecting.</b> {@link #connect(String, Properties)} connects to a PostgreSQL database (the tables go into
 * the connection's current schema: {@code ?currentSchema=NAME} in the URL chooses another), sets the lock timeout
 * and brings the schema up to date in the same way. The URL must not hold the password; it comes in the
 * credentials, and the store never writes it anywhere. Messages name the URL without its parameters.
 *
 * <p><b>Recording.</b> As a {@link SessionObserver}, the store writes each event in its own short transaction before
 * {@link #onEvent} returns (synchronous=FULL), so a process that is killed loses at most the event in progress. Events
 * must arrive in session order: {@code Started} first, {@code Ended} at most once. A failure to record throws a
 * {@link StoreException}; the store never drops an event silently.
 *
 * <p><b>Crash recovery.</b> A session whose process dies stays {@code active}. {@link #recoverInterrupted()} marks
 * every active session whose recording process is no longer running as {@link SessionStatus#INTERRUPTED}. Each
 * session records the host name, process id and start time of the process that recorded its start; a session is
 * left alone while that process runs, and a session recorded on another computer (sharing a PostgreSQL database) is
 * left to that computer, so it is safe to call while other Trinn processes are recording. The command line calls
 * it once at start. Opening the store does not do it by itself.
 *
 * <p><b>Reading.</b> Queries return immutable records, never null; unknown ids and aliases give empty results.
 *
 * <p><b>Privacy.</b> Clients are known only by an alias, which must be a pseudonym (see {@link Aliases}). The store
 * writes no log; its exception messages name paths or URLs, session ids, turn numbers and fields, never aliases, the
 * text of turns or passwords.
 *
 * <p><b>Threads.</b> All methods may be called from any thread; calls are serialised on the store's one connection.
 * Several stores (in one process or several, on one computer or several) may use the same database at once. Close the store when done; closing twice
 * is harmless, and any other call after closing throws.
 */
public final class SessionStore implements AutoCloseable, SessionObserver {
    /** Schema version this build writes and reads. */
    public static final int SCHEMA_VERSION = 5;

    /** How long an operation waits for another connection's lock before it fails, unless told otherwise. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

    /** The only JDBC URLs {@link #connect(String, Properties)} accepts start with this. */
    public static final String POSTGRESQL_URL_PREFIX = "jdbc:postgresql:";

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final String location;
    private final Optional<Path> file;
    private final Dialect dialect;
    private final Connection connection;
    private final long busyMillis;
    private final long ownerPid;
    private final Optional<Instant> ownerStart;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private SessionStore(String location, Optional<Path> file, Dialect dialect, Connection connection,
            long busyMillis) {
        this.location = location;
        this.file = file;
        this.dialect = dialect;
        this.connection = connection;
        this.busyMillis = busyMillis;
        ProcessHandle self = ProcessHandle.current();
        this.ownerPid = self.pid();
        this.ownerStart = self.info().startInstant();
    }

    /** Opens or creates the store at {@code file}, waiting up to {@link #DEFAULT_BUSY_TIMEOUT} for locks. */
    public static SessionStore open(Path file) {
        return open(file, DEFAULT_BUSY_TIMEOUT);
    }

    /**
     * Opens or creates the store at {@code file}; each operation waits up to {@code busyTimeout} (0 to 10 minutes)
     * for another connection's lock before it throws.
     *
     * @throws StoreException if the file cannot be opened or created as a Trinn session store
     */
    public static SessionStore open(Path file, Duration busyTimeout) {
        Require.nonNull(file, "file");
        long busyMillis = busyMillis(busyTimeout);
        Path path = file.toAbsolutePath().normalize();
        checkLocation(path);
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) busyMillis);
        Connection connection;
        try {
            connection = config.createConnection("jdbc:sqlite:" + path);
        } catch (SQLException e) {
            throw failure(path.toString(), Dialect.SQLITE, "open the database", e, busyMillis);
        }
        return start(new SessionStore(path.toString(), Optional.of(path), Dialect.SQLITE, connection, busyMillis));
    }

    /**
     * Connects to the PostgreSQL database at {@code jdbcUrl} ({@code jdbc:postgresql://host[:port]/database}, with
     * any of the driver's parameters except the password), waiting up to {@link #DEFAULT_BUSY_TIMEOUT} for locks.
     *
     * @param credentials {@code user} and {@code password} (and any other driver property); read, not kept
     * @throws StoreException if the URL is not a PostgreSQL URL or holds a password, the server cannot be reached
     *     or refuses the login, or the database is not (and cannot become) a Trinn session store
     */
    public static SessionStore connect(String jdbcUrl, Properties credentials) {
        return connect(jdbcUrl, credentials, DEFAULT_BUSY_TIMEOUT);
    }

    /**
     * Connects as {@link #connect(String, Properties)}; each operation waits up to {@code busyTimeout} (0 to 10
     * minutes) for another connection's lock before it throws.
     */
    public static SessionStore connect(String jdbcUrl, Properties credentials, Duration busyTimeout) {
        Require.nonNull(jdbcUrl, "jdbcUrl");
        Require.nonNull(credentials, "credentials");
        long busyMillis = busyMillis(busyTimeout);
        String location = displayUrl(jdbcUrl);
        if (!jdbcUrl.startsWith(POSTGRESQL_URL_PREFIX)) {
            throw new StoreException("session store " + location + ": not a PostgreSQL URL; give"
                    + " jdbc:postgresql://HOST[:PORT]/DATABASE (SQLite stores are files: give a path instead)");
        }
        int query = jdbcUrl.indexOf('?');
        if (query >= 0 && jdbcUrl.substring(query).toLowerCase(Locale.ROOT).matches(".*[?&]password=.*")) {
            throw new StoreException("session store " + location + ": the URL holds a password; keep it out of"
                    + " URLs and files, and give it in an environment variable instead");
        }
        Properties properties = new Properties();
        properties.putAll(credentials);
        // The server's "detail" lines quote the values of a rejected row; messages must never hold client data.
        properties.setProperty("logServerErrorDetail", "false");
        properties.putIfAbsent("ApplicationName", "trinn");
        Connection connection;
        try {
            connection = DriverManager.getConnection(jdbcUrl, properties);
        } catch (SQLException e) {
            throw failure(location, Dialect.POSTGRESQL, "connect to the database", e, busyMillis);
        }
        return start(new SessionStore(location, Optional.empty(), Dialect.POSTGRESQL, connection, busyMillis));
    }

    /** {@code url} without its parameters and any user information, for messages. */
    static String displayUrl(String url) {
        String shown = url;
        int query = shown.indexOf('?');
        if (query >= 0) {
            shown = shown.substring(0, query);
        }
        int authority = shown.indexOf("//");
        int at = shown.indexOf('@');
        if (authority >= 0 && at > authority) {
            shown = shown.substring(0, authority + 2) + shown.substring(at + 1);
        }
        return shown;
    }

    private static long busyMillis(Duration busyTimeout) {
        Require.nonNull(busyTimeout, "busyTimeout");
        if (busyTimeout.isNegative() || busyTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("busyTimeout must lie in [0, 10 min], was " + busyTimeout);
        }
        return busyTimeout.toMillis();
    }

    /** Configures and migrates a new store, closing its connection if that fails. */
    private static SessionStore start(SessionStore store) {
        Connection connection = store.connection;
        try {
            store.configure();
            store.migrate();
            return store;
        } catch (RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * The absolute path of the database file.
     *
     * @throws StoreException for a store on a PostgreSQL server, which has no file (see {@link #location()})
     */
    public Path path() {
        return file.orElseThrow(() -> new StoreException("session store " + location + ": is on a database server,"
                + " not in a file"));
    }

    /** The database file, if the store is one (SQLite); empty for a store on a PostgreSQL server. */
    public Optional<Path> file() {
        return file;
    }

    /** Where the store is, for messages: the file's absolute path, or the URL without its parameters. */
    public String location() {
        return location;
    }

    /**
     * Records {@code event} in its own transaction, committed before this returns.
     *
     * @throws StoreException if it cannot be recorded: the database fails or is locked past the busy timeout, a
     *     {@code Started} event has a malformed alias or a session id already recorded, another event names a
     *     session with no recorded start, a turn number is recorded twice, or a session ends twice
     */
    @Override
    public void onEvent(SessionEvent event) {
        Require.nonNull(event, "event");
        String action = "record " + describe(event);
        switch (event) {
            case SessionEvent.Started started -> {
                try {
                    Aliases.requireValid(started.clientAlias());
                } catch (StoreException e) {
                    throw new StoreException(prefix(location, action) + e.getMessage(), e);
                }
                write(action, () -> recordStart(started, action));
            }
            case SessionEvent.Opened opened -> write(action, () -> {
                try (PreparedStatement update = connection.prepareStatement("""
                        UPDATE sessions SET opened_at = ?, opened_state = ?, opened_line = ?, last_event_at = ?
                        WHERE id = ?""")) {
                    String at = time(opened.at(), action);
                    update.setString(1, at);
                    update.setString(2, opened.state());
                    update.setString(3, opened.characterText());
                    update.setString(4, at);
                    update.setString(5, opened.sessionId());
                    requireSession(update.executeUpdate(), opened, action);
                }
            });
            case SessionEvent.TurnCompleted completed -> write(action, () -> {
                touch(completed, action);
                TurnRecord turn = completed.turn();
                try (PreparedStatement check = connection.prepareStatement(
                        "SELECT 1 FROM turns WHERE session_id = ? AND turn_index = ?")) {
                    check.setString(1, completed.sessionId());
                    check.setInt(2, turn.index());
                    try (ResultSet rows = check.executeQuery()) {
                        if (rows.next()) {
                            throw new StoreException(prefix(location, action) + "turn " + turn.index()
                                    + " is already recorded for this session");
                        }
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO turns (session_id, turn_index, client_text, character_text, state_before,
                            state_after, intent, confidence, response_ms, words, goal_steps, repair, question,
                            processing_ns, at, fallback)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                    insert.setString(1, completed.sessionId());
                    insert.setInt(2, turn.index());
                    insert.setString(3, turn.clientText());
                    insert.setString(4, turn.characterText());
                    insert.setString(5, turn.stateBefore());
                    insert.setString(6, turn.stateAfter());
                    insert.setString(7, turn.intent().orElse(null));
                    insert.setDouble(8, turn.confidence());
                    insert.setLong(9, turn.responseMillis());
                    insert.setInt(10, turn.words());
                    insert.setString(11, Json.stringArray(turn.goalSteps()));
                    insert.setInt(12, turn.repair() ? 1 : 0);
                    insert.setInt(13, turn.question() ? 1 : 0);
                    insert.setLong(14, turn.processingNanos());
                    insert.setString(15, time(completed.at(), action));
                    insert.setString(16, turn.fallback().orElse(null));
                    insert.executeUpdate();
                }
            });
            case SessionEvent.SafetyRaised raised -> write(action, () -> {
                touch(raised, action);
                SafetyEvent safety = raised.event();
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO safety_events (session_id, turn_index, kind, severity, method, score, at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                    insert.setString(1, raised.sessionId());
                    insert.setInt(2, safety.turnIndex());
                    insert.setString(3, safety.kind().name());
                    insert.setInt(4, safety.severity());
                    insert.setString(5, safety.method());
                    insert.setDouble(6, safety.score());
                    insert.setString(7, time(raised.at(), action));
                    insert.executeUpdate();
                }
            });
            case SessionEvent.PauseChanged pause -> write(action, () -> {
                touch(pause, action);
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO pauses (session_id, paused, reason, at) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, pause.sessionId());
                    insert.setInt(2, pause.paused() ? 1 : 0);
                    insert.setString(3, pause.reason());
                    insert.setString(4, time(pause.at(), action));
                    insert.executeUpdate();
                }
            });
            case SessionEvent.Decided decided -> write(action, () -> {
                touch(decided, action);
                AdaptationRows.insertDecision(connection, decided, time(decided.at(), action));
            });
            case SessionEvent.Assessed assessed -> write(action, () -> {
                touch(assessed, action);
                AdaptationRows.updateScore(connection, assessed);
            });
            case SessionEvent.ConfidenceRated rated -> write(action, () -> {
                touch(rated, action);
                AdaptationRows.updateConfidence(connection, rated);
            });
            case SessionEvent.TaskFollowedUp followUp -> write(action, () -> {
                touch(followUp, action);
                AdaptationRows.updateFollowUp(connection, followUp);
            });
            case SessionEvent.Ended ended -> write(action, () -> {
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT status FROM sessions WHERE id = ?")) {
                    query.setString(1, ended.sessionId());
                    try (ResultSet rows = query.executeQuery()) {
                        if (!rows.next()) {
                            requireSession(0, ended, action);
                        } else if (SessionStatus.ENDED.column().equals(rows.getString(1))) {
                            throw new StoreException(prefix(location, action) + "the session has already ended");
                        }
                    }
                }
                try (PreparedStatement update = connection.prepareStatement("""
                        UPDATE sessions SET ended_at = ?, end_reason = ?, summary = ?, status = ?, last_event_at = ?
                        WHERE id = ?""")) {
                    String at = time(ended.at(), action);
                    update.setString(1, at);
                    update.setString(2, ended.reason());
                    update.setString(3, Json.summary(ended.summary()));
                    update.setString(4, SessionStatus.ENDED.column());
                    update.setString(5, at);
                    update.setString(6, ended.sessionId());
                    update.executeUpdate();
                }
            });
        }
    }

    /**
     * Marks as {@link SessionStatus#INTERRUPTED} every {@code active} session whose recording process is no longer
     * running (judged by its process id and start time, so a reused process id does not count as running), in one
     * transaction. Sessions recorded by this process or by another running process are left alone.
     *
     * @return how many sessions were marked
     */
    public int recoverInterrupted() {
        String action = "recover interrupted sessions";
        return writeAndGet(action, () -> {
            List<String> dead = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, owner_pid, owner_started_at, owner_host FROM sessions WHERE status = 'active'");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    long pid = rows.getLong(2);
                    boolean knownPid = !rows.wasNull();
                    String started = rows.getString(3);
                    String host = rows.getString(4);
                    if (host != null && !host.equals(Host.NAME)) {
                        continue; // another computer's process: only that computer can tell whether it runs
                    }
                    Optional<Instant> start = started == null
                            ? Optional.empty()
                            : Optional.of(read(() -> Times.parse(started, "owner_started_at"), "session " + id));
                    if (!knownPid || !running(pid, start)) {
                        dead.add(id);
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE sessions SET status = 'interrupted' WHERE id = ? AND status = 'active'")) {
                int marked = 0;
                for (String id : dead) {
                    update.setString(1, id);
                    marked += update.executeUpdate();
                }
                return marked;
            }
        });
    }

    /** Every client, by alias (in code-point order), with its session count. */
    public List<Client> clients() {
        return query("list clients", () -> {
            List<Client> result = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT c.alias, c.created_at, count(s.id) FROM clients c LEFT JOIN sessions s ON s.client_id = c.id
                    GROUP BY c.id ORDER BY %s""".formatted(dialect.codePoints("c.alias")));
                    ResultSet rows = query.executeQuery()) {
                int row = 0;
                while (rows.next()) {
                    row++;
                    String alias = rows.getString(1);
                    String createdAt = rows.getString(2);
                    int sessions = rows.getInt(3);
                    result.add(read(() -> new Client(alias, Times.parse(createdAt, "created_at"), sessions),
                            "client row " + row));
                }
            }
            return List.copyOf(result);
        });
    }

    /**
     * The sessions of the client with {@code alias}, newest first (by start; sessions started at the same instant
     * in reverse order of recording); empty if no client has that alias.
     *
     * @throws StoreException if {@code alias} is malformed
     */
    public List<SessionOverview> sessions(String alias) {
        Aliases.requireValid(alias);
        return clientSessionRows(alias, "list a client's sessions", """
                s.id, s.scenario_id, s.started_at, coalesce(s.ended_at, s.last_event_at), s.status,
                    (SELECT count(*) FROM turns t WHERE t.session_id = s.id),
                    %s,
                    (SELECT count(*) FROM safety_events e WHERE e.session_id = s.id)""".formatted(
                dialect.jsonFlag("s.summary", "goalMet")), rows -> {
                    String id = rows.getString(1);
                    String scenario = rows.getString(2);
                    String startedAt = rows.getString(3);
                    String lastAt = rows.getString(4);
                    String status = rows.getString(5);
                    int turns = rows.getInt(6);
                    boolean goalMet = rows.getInt(7) == 1;
                    int safety = rows.getInt(8);
                    return read(() -> {
                        Instant start = Times.parse(startedAt, "started_at");
                        Duration duration = Duration.between(start, Times.parse(lastAt, "ended_at"));
                        return new SessionOverview(id, scenario, start,
                                duration.isNegative() ? Duration.ZERO : duration, SessionStatus.ofColumn(status),
                                turns, goalMet, safety);
                    }, "session " + id);
                });
    }

    /**
     * The sessions of the client with {@code alias}, newest first (by start, then in reverse order of recording):
     * the {@code columns} of {@code sessions s} (joined to {@code clients c}), each row read by {@code reader}.
     */
    private <T> List<T> clientSessionRows(String alias, String action, String columns, RowReader<T> reader) {
        return query(action, () -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT %s
                    FROM sessions s JOIN clients c ON c.id = s.client_id
                    WHERE c.alias = ?
                    ORDER BY %s DESC, s.rowid DESC""".formatted(columns, dialect.codePoints("s.started_at")))) {
                query.setString(1, alias);
                return rows(query, reader);
            }
        });
    }

    /** The session with {@code id}, if one was recorded. */
    public Optional<StoredSession> session(String id) {
        Require.nonNull(id, "id");
        return query("read session " + id, () -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT s.id, s.started_at, c.alias, s.scenario_id, s.language, s.difficulty,
                        s.opened_at, s.opened_state, s.opened_line, s.ended_at, s.end_reason, s.summary, s.status,
                        s.last_event_at
                    FROM sessions s JOIN clients c ON c.id = s.client_id WHERE s.id = ?""")) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    String sessionId = rows.getString(1);
                    String startedAt = rows.getString(2);
                    String alias = rows.getString(3);
                    String scenario = rows.getString(4);
                    String language = rows.getString(5);
                    double difficulty = rows.getDouble(6);
                    String openedAt = rows.getString(7);
                    String openedState = rows.getString(8);
                    String openedLine = rows.getString(9);
                    String endedAt = rows.getString(10);
                    String endReason = rows.getString(11);
                    String summary = rows.getString(12);
                    String status = rows.getString(13);
                    String lastEventAt = rows.getString(14);
                    return Optional.of(read(() -> {
                        SessionEvent.Started started = new SessionEvent.Started(sessionId,
                                Times.parse(startedAt, "started_at"), alias, scenario, language, difficulty);
                        Optional<SessionEvent.Opened> opened = openedAt == null
                                ? Optional.empty()
                                : Optional.of(new SessionEvent.Opened(sessionId, Times.parse(openedAt, "opened_at"),
                                        openedState, openedLine));
                        Optional<SessionEvent.Ended> ended = endedAt == null
                                ? Optional.empty()
                                : Optional.of(new SessionEvent.Ended(sessionId, Times.parse(endedAt, "ended_at"),
                                        endReason, Json.parseSummary(Require.nonNull(summary, "summary"))));
                        return new StoredSession(started, opened, ended, SessionStatus.ofColumn(status),
                                Times.parse(lastEventAt, "last_event_at"));
                    }, "session " + id));
                }
            }
        });
    }

    /** The turns recorded for session {@code sessionId}, by turn number; empty for an unknown session. */
    public List<SessionEvent.TurnCompleted> turns(String sessionId) {
        return sessionRows(sessionId, "turns", TURNS_SQL + " ORDER BY turn_index", turnReader(sessionId));
    }

    private static final String TURNS_SQL = """
            SELECT turn_index, client_text, character_text, state_before, state_after, intent, confidence,
                response_ms, words, goal_steps, repair, question, processing_ns, at, fallback
            FROM turns WHERE session_id = ?""";

    private RowReader<SessionEvent.TurnCompleted> turnReader(String sessionId) {
        return rows -> {
            int index = rows.getInt(1);
            String clientText = rows.getString(2);
            String characterText = rows.getString(3);
            String stateBefore = rows.getString(4);
            String stateAfter = rows.getString(5);
            Optional<String> intent = Optional.ofNullable(rows.getString(6));
            double confidence = rows.getDouble(7);
            long responseMillis = rows.getLong(8);
            int words = rows.getInt(9);
            String goalSteps = rows.getString(10);
            boolean repair = rows.getInt(11) == 1;
            boolean question = rows.getInt(12) == 1;
            long processingNanos = rows.getLong(13);
            String at = rows.getString(14);
            Optional<String> fallback = Optional.ofNullable(rows.getString(15));
            return read(() -> new SessionEvent.TurnCompleted(sessionId, Times.parse(at, "at"),
                    new TurnRecord(index, clientText, characterText, stateBefore, stateAfter, intent, confidence,
                            responseMillis, words, Json.parseStringArray(goalSteps), repair, question,
                            processingNanos, fallback)),
                    "turn " + index + " of session " + sessionId);
        };
    }

    /** The safety events recorded for session {@code sessionId}, in the order recorded; empty if none. */
    public List<SessionEvent.SafetyRaised> safetyEvents(String sessionId) {
        return sessionRows(sessionId, "safety events", SAFETY_SQL + " ORDER BY id", safetyReader(sessionId));
    }

    private static final String SAFETY_SQL =
            "SELECT id, turn_index, kind, severity, method, score, at FROM safety_events WHERE session_id = ?";

    private RowReader<SessionEvent.SafetyRaised> safetyReader(String sessionId) {
        return rows -> {
            long row = rows.getLong(1);
            int turnIndex = rows.getInt(2);
            String kind = rows.getString(3);
            int severity = rows.getInt(4);
            String method = rows.getString(5);
            double score = rows.getDouble(6);
            String at = rows.getString(7);
            return read(() -> new SessionEvent.SafetyRaised(sessionId, Times.parse(at, "at"),
                    new SafetyEvent(turnIndex, SafetyEvent.Kind.valueOf(kind), severity, method, score)),
                    "safety event " + row + " of session " + sessionId);
        };
    }

    /** The pauses and resumptions recorded for session {@code sessionId}, in the order recorded; empty if none. */
    public List<SessionEvent.PauseChanged> pauses(String sessionId) {
        return sessionRows(sessionId, "pauses", PAUSES_SQL + " ORDER BY id", pauseReader(sessionId));
    }

    private static final String PAUSES_SQL = "SELECT id, paused, reason, at FROM pauses WHERE session_id = ?";

    private RowReader<SessionEvent.PauseChanged> pauseReader(String sessionId) {
        return rows -> {
            long row = rows.getLong(1);
            boolean paused = rows.getInt(2) == 1;
            String reason = rows.getString(3);
            String at = rows.getString(4);
            return read(() -> new SessionEvent.PauseChanged(sessionId, Times.parse(at, "at"), paused, reason),
                    "pause " + row + " of session " + sessionId);
        };
    }

    /** The difficulty controller's decisions for session {@code sessionId}, in the order recorded. */
    public List<SessionEvent.Decided> decisions(String sessionId) {
        return sessionRows(sessionId, "decisions", AdaptationRows.DECISIONS_SQL + " ORDER BY id",
                decisionReader(sessionId));
    }

    private RowReader<SessionEvent.Decided> decisionReader(String sessionId) {
        return rows -> AdaptationRows.decision(rows, sessionId, this::read);
    }

    /**
     * The client model of the client with {@code alias}: the newest estimate of each scale, by scale name; empty for
     * a client with none or an unknown alias.
     *
     * @throws StoreException if {@code alias} is malformed
     */
    public List<LevelEstimate> levels(String alias) {
        Aliases.requireValid(alias);
        return query("read a client's level estimates", () -> AdaptationRows.levels(connection, dialect, alias, this::read));
    }

    /** The level estimates recorded at the end of session {@code sessionId}, by scale name. */
    public List<LevelEstimate> sessionLevels(String sessionId) {
        Require.nonNull(sessionId, "sessionId");
        return query("read the level estimates of session " + sessionId,
                () -> AdaptationRows.sessionLevels(connection, dialect, sessionId, this::read));
    }

    /**
     * The therapist's settings for the client with {@code alias}; {@link ClientSettings#NONE} if none were saved.
     *
     * @throws StoreException if {@code alias} is malformed
     */
    public ClientSettings settings(String alias) {
        Aliases.requireValid(alias);
        return query("read a client's settings", () -> AdaptationRows.settings(connection, alias, this::read))
                .orElse(ClientSettings.NONE);
    }

    /**
     * Saves {@code settings} as the therapist's settings for the client with {@code alias} (created if new),
     * replacing any saved before.
     *
     * @throws StoreException if {@code alias} is malformed or the settings cannot be saved
     */
    public void saveSettings(String alias, ClientSettings settings) {
        Aliases.requireValid(alias);
        Require.nonNull(settings, "settings");
        String action = "save a client's settings";
        write(action, () -> AdaptationRows.saveSettings(connection, alias, settings, time(Instant.now(), action)));
    }

    /**
     * How the sessions of the client with {@code alias} went, newest first (as {@link #sessions(String)}); empty
     * for an unknown alias.
     *
     * @throws StoreException if {@code alias} is malformed
     */
    public List<SessionResult> results(String alias) {
        Aliases.requireValid(alias);
        return clientSessionRows(alias, "read a client's session results", """
                s.id, s.scenario_id, s.started_at, s.status, s.end_reason, %s, %s,
                    s.goal_score, s.success_rate, s.mean_response_ms, s.start_difficulty, s.end_difficulty,
                    s.confidence_before, s.confidence_after, s.task_outcome""".formatted(
                dialect.jsonFlag("s.summary", "goalMet"), dialect.jsonText("s.summary", "realWorldTask")), rows -> {
                    String id = rows.getString(1);
                    String scenario = rows.getString(2);
                    String startedAt = rows.getString(3);
                    String status = rows.getString(4);
                    Optional<String> endReason = Optional.ofNullable(rows.getString(5));
                    boolean goalMet = rows.getInt(6) == 1;
                    Optional<String> task = Optional.ofNullable(rows.getString(7));
                    double goalScore = rows.getDouble(8);
                    boolean scored = !rows.wasNull();
                    double successRate = rows.getDouble(9);
                    double responseMillis = rows.getDouble(10);
                    double startDifficulty = rows.getDouble(11);
                    double endDifficulty = rows.getDouble(12);
                    int before = rows.getInt(13);
                    OptionalInt confidenceBefore = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(before);
                    int after = rows.getInt(14);
                    OptionalInt confidenceAfter = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(after);
                    Optional<String> outcome = Optional.ofNullable(rows.getString(15));
                    return read(() -> new SessionResult(id, scenario, Times.parse(startedAt, "started_at"),
                            SessionStatus.ofColumn(status), endReason, goalMet, scored
                                    ? Optional.of(new SessionScore(goalScore, successRate, responseMillis,
                                            startDifficulty, endDifficulty))
                                    : Optional.empty(), confidenceBefore,
                            confidenceAfter, task, outcome.map(SessionEvent.TaskOutcome::valueOf)),
                            "session " + id);
                });
    }

    // ---- live sessions and their commands --------------------------------------------------------------------------

    /**
     * The sessions being recorded now (status {@code active}), newest first. A session whose process died stays
     * here until {@link #recoverInterrupted()} marks it.
     */
    public List<ActiveSession> activeSessions() {
        return query("list the active sessions", () -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT s.id, c.alias, s.scenario_id, s.started_at, s.last_event_at
                    FROM sessions s JOIN clients c ON c.id = s.client_id
                    WHERE s.status = 'active'
                    ORDER BY %s DESC, s.rowid DESC""".formatted(dialect.codePoints("s.started_at")))) {
                return rows(query, rows -> {
                    String id = rows.getString(1);
                    String alias = rows.getString(2);
                    String scenario = rows.getString(3);
                    String startedAt = rows.getString(4);
                    String lastAt = rows.getString(5);
                    return read(() -> new ActiveSession(id, alias, scenario, Times.parse(startedAt, "started_at"),
                            Times.parse(lastAt, "last_event_at")), "session " + id);
                });
            }
        });
    }

    /**
     * What was recorded for session {@code sessionId} after {@code from}; empty for an unknown session. One cheap
     * query (on the tables' indexes) finds whether anything is new; only the tables with new rows are read. Every
     * row recorded after {@code from} is in exactly one answer when each answer's {@link LiveChanges#cursor()} is
     * passed to the next call.
     */
    public Optional<LiveChanges> changes(String sessionId, LiveChanges.Cursor from) {
        Require.nonNull(sessionId, "sessionId");
        Require.nonNull(from, "from");
        return query("read what is new in session " + sessionId, () -> {
            String status;
            boolean opened;
            int turn;
            long decision;
            long safety;
            long pause;
            try (PreparedStatement head = connection.prepareStatement("""
                    SELECT s.status, CASE WHEN s.opened_at IS NULL THEN 0 ELSE 1 END,
                        (SELECT coalesce(max(turn_index), -1) FROM turns WHERE session_id = s.id),
                        (SELECT coalesce(max(id), 0) FROM decisions WHERE session_id = s.id),
                        (SELECT coalesce(max(id), 0) FROM safety_events WHERE session_id = s.id),
                        (SELECT coalesce(max(id), 0) FROM pauses WHERE session_id = s.id)
                    FROM sessions s WHERE s.id = ?""")) {
                head.setString(1, sessionId);
                try (ResultSet rows = head.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    status = rows.getString(1);
                    opened = rows.getInt(2) == 1;
                    turn = rows.getInt(3);
                    decision = rows.getLong(4);
                    safety = rows.getLong(5);
                    pause = rows.getLong(6);
                }
            }
            SessionStatus now = read(() -> SessionStatus.ofColumn(status), "session " + sessionId);
            boolean over = now != SessionStatus.ACTIVE;
            LiveChanges.Cursor to = new LiveChanges.Cursor(Math.max(turn, from.turn()),
                    Math.max(decision, from.decision()), Math.max(safety, from.safety()), Math.max(pause, from.pause()),
                    opened || from.opened(), over || from.over());
            if (to.equals(from)) {
                return Optional.of(new LiveChanges(from, to, now, Optional.empty(), List.of(), List.of(), List.of(),
                        List.of(), Optional.empty()));
            }
            Optional<StoredSession> stored = (opened && !from.opened()) || (over && !from.over())
                    ? session(sessionId) : Optional.empty();
            List<SessionEvent.TurnCompleted> turns = turn > from.turn()
                    ? rowsBetween(TURNS_SQL + " AND turn_index > ? AND turn_index <= ? ORDER BY turn_index", sessionId,
                            from.turn(), turn, turnReader(sessionId))
                    : List.of();
            List<SessionEvent.Decided> decisions = decision > from.decision()
                    ? rowsBetween(AdaptationRows.DECISIONS_SQL + " AND id > ? AND id <= ? ORDER BY id", sessionId,
                            from.decision(), decision, decisionReader(sessionId))
                    : List.of();
            List<SessionEvent.SafetyRaised> raised = safety > from.safety()
                    ? rowsBetween(SAFETY_SQL + " AND id > ? AND id <= ? ORDER BY id", sessionId, from.safety(), safety,
                            safetyReader(sessionId))
                    : List.of();
            List<SessionEvent.PauseChanged> pauses = pause > from.pause()
                    ? rowsBetween(PAUSES_SQL + " AND id > ? AND id <= ? ORDER BY id", sessionId, from.pause(), pause,
                            pauseReader(sessionId))
                    : List.of();
            return Optional.of(new LiveChanges(from, to, now,
                    from.opened() ? Optional.empty() : stored.flatMap(StoredSession::opened),
                    turns, decisions, raised, pauses, from.over() ? Optional.empty() : stored.flatMap(StoredSession::ended)));
        });
    }

    /** The rows of {@code sql} (parameters: the session id, then the bounds after and up to), inside a query. */
    private <T> List<T> rowsBetween(String sql, String sessionId, long after, long upTo, RowReader<T> reader)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, sessionId);
            statement.setLong(2, after);
            statement.setLong(3, upTo);
            return rows(statement, reader);
        }
    }

    /**
     * Sends a command to the active session {@code sessionId}, for its process to take with
     * {@link #takeCommands(String)}.
     *
     * @param payload a JSON object: {@link SessionCommand#NO_PAYLOAD} for pause, resume and stop, and
     *     {@link SessionCommand#settingsPayload} for new settings
     * @return the command's number
     * @throws StoreException if no session has that id, the session is not active (it ended or was interrupted), the
     *     payload is not a JSON object (or, for settings, not a settings document), or the database fails
     */
    public long sendCommand(String sessionId, SessionCommand.Kind kind, String payload) {
        Require.nonNull(sessionId, "sessionId");
        Require.nonNull(kind, "kind");
        Require.nonNull(payload, "payload");
        String action = "send a command to session " + sessionId;
        try {
            if (!(Json.parse(payload) instanceof java.util.Map<?, ?>)) {
                throw new IllegalArgumentException("must be a JSON object");
            }
            if (kind == SessionCommand.Kind.SETTINGS) {
                Json.parseSettings(payload);
            }
        } catch (IllegalArgumentException e) {
            throw new StoreException(prefix(location, action) + "the payload is malformed: " + e.getMessage(), e);
        }
        return writeAndGet(action, () -> {
            try (PreparedStatement check = connection.prepareStatement("SELECT status FROM sessions WHERE id = ?")) {
                check.setString(1, sessionId);
                try (ResultSet rows = check.executeQuery()) {
                    if (!rows.next()) {
                        throw new StoreException(prefix(location, action) + "no session with this id is recorded");
                    }
                    if (!SessionStatus.ACTIVE.column().equals(rows.getString(1))) {
                        throw new StoreException(prefix(location, action) + "the session is not running any more ("
                                + rows.getString(1) + ")");
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO session_commands (session_id, kind, payload, issued_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, sessionId);
                insert.setString(2, kind.name());
                insert.setString(3, payload);
                insert.setString(4, time(Instant.now(), action));
                insert.executeUpdate();
            }
            // writers are serialised (see Dialect#begin), so the newest row of the session is this one
            try (PreparedStatement last = connection.prepareStatement(
                    "SELECT max(id) FROM session_commands WHERE session_id = ?")) {
                last.setString(1, sessionId);
                try (ResultSet rows = last.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /**
     * Takes the commands waiting for session {@code sessionId}, in the order sent, and marks them taken in the same
     * transaction, so each command is taken once even when several processes ask. When none waits, this is one read
     * on an index and takes no write lock (it is meant to be called every 100 ms or so).
     */
    public List<SessionCommand> takeCommands(String sessionId) {
        Require.nonNull(sessionId, "sessionId");
        String action = "take the commands of session " + sessionId;
        String waiting = "SELECT id, kind, payload, issued_at FROM session_commands WHERE session_id = ?"
                + " AND taken_at IS NULL ORDER BY id";
        boolean any = query(action, () -> {
            try (PreparedStatement check = connection.prepareStatement(waiting)) {
                check.setString(1, sessionId);
                check.setMaxRows(1);
                try (ResultSet rows = check.executeQuery()) {
                    return rows.next();
                }
            }
        });
        if (!any) {
            return List.of();
        }
        return writeAndGet(action, () -> {
            Instant now = Instant.now();
            String at = time(now, action);
            List<SessionCommand> taken = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(waiting)) {
                select.setString(1, sessionId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long id = rows.getLong(1);
                        String kind = rows.getString(2);
                        String payload = rows.getString(3);
                        String issued = rows.getString(4);
                        taken.add(read(() -> new SessionCommand(id, sessionId, SessionCommand.Kind.valueOf(kind),
                                payload, Times.parse(issued, "issued_at"), Optional.of(now)),
                                "command " + id + " of session " + sessionId));
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE session_commands SET taken_at = ? WHERE id = ? AND taken_at IS NULL")) {
                for (SessionCommand c : taken) {
                    update.setString(1, at);
                    update.setLong(2, c.id());
                    update.executeUpdate();
                }
            }
            return List.copyOf(taken);
        });
    }

    /**
     * Removes the client with {@code alias} and everything recorded about it, in one transaction: its sessions with
     * their turns, safety events, pauses, decisions and level estimates, its settings and the client itself. Deleted
     * content is overwritten in the database file ({@code secure_delete} for this transaction), and a checkpoint then
     * copies the write-ahead log into the file and truncates it, as far as readers in other processes allow.
     *
     * @return whether a client with that alias existed
     * @throws StoreException if {@code alias} is malformed, the client has a session that is still active (it may be
     *     being recorded; end it, or let {@link #recoverInterrupted()} mark it first), or the database fails
     */
    public boolean deleteClient(String alias) {
        Aliases.requireValid(alias);
        String action = "delete a client";
        lock.lock();
        try {
            requireOpen(action);
            for (String sql : dialect.beforeDelete()) {
                pragma(action, sql);
            }
            boolean existed;
            try {
                existed = writeAndGet(action, () -> {
                    long clientId;
                    try (PreparedStatement query = connection.prepareStatement(
                            "SELECT id FROM clients WHERE alias = ?")) {
                        query.setString(1, alias);
                        try (ResultSet rows = query.executeQuery()) {
                            if (!rows.next()) {
                                return false;
                            }
                            clientId = rows.getLong(1);
                        }
                    }
                    try (PreparedStatement query = connection.prepareStatement(
                            "SELECT count(*) FROM sessions WHERE client_id = ? AND status = 'active'")) {
                        query.setLong(1, clientId);
                        try (ResultSet rows = query.executeQuery()) {
                            if (rows.next() && rows.getInt(1) > 0) {
                                throw new StoreException(prefix(location, action) + "the client has " + rows.getInt(1)
                                        + " active session(s); end them (or let an interrupted one be marked) first");
                            }
                        }
                    }
                    String ofClient = "session_id IN (SELECT id FROM sessions WHERE client_id = ?)";
                    for (String sql : List.of(
                            "DELETE FROM session_commands WHERE " + ofClient,
                            "DELETE FROM level_estimates WHERE " + ofClient,
                            "DELETE FROM decisions WHERE " + ofClient,
                            "DELETE FROM pauses WHERE " + ofClient,
                            "DELETE FROM safety_events WHERE " + ofClient,
                            "DELETE FROM turns WHERE " + ofClient,
                            "DELETE FROM sessions WHERE client_id = ?",
                            "DELETE FROM client_settings WHERE client_id = ?",
                            "DELETE FROM clients WHERE id = ?")) {
                        try (PreparedStatement delete = connection.prepareStatement(sql)) {
                            delete.setLong(1, clientId);
                            delete.executeUpdate();
                        }
                    }
                    return true;
                });
            } finally {
                for (String sql : dialect.afterDelete()) {
                    pragma(action, sql);
                }
            }
            if (existed && dialect == Dialect.SQLITE) {
                // Best effort: a reader in another process may keep part of the log until it finishes.
                pragma(action, "PRAGMA wal_checkpoint(TRUNCATE)");
            }
            return existed;
        } finally {
            lock.unlock();
        }
    }

    private void pragma(String action, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw failure(location, dialect, action, e, busyMillis);
        }
    }

    /**
     * Closes the database connection. Everything recorded is already committed. Closing again does nothing.
     *
     * @throws StoreException if the connection cannot be closed
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            connection.close();
        } catch (SQLException e) {
            throw failure(location, dialect, "close the database", e, busyMillis);
        } finally {
            lock.unlock();
        }
    }

    // ---- opening --------------------------------------------------------------------------------------------------

    private static void checkLocation(Path path) {
        if (path.toString().indexOf('?') >= 0) {
            throw new StoreException("session store " + path + ": the path must not contain '?'");
        }
        if (Files.isDirectory(path)) {
            throw new StoreException("session store " + path + ": this is a folder, not a database file;"
                    + " give the path of a file in it (for example " + path.resolve("trinn.db") + ")");
        }
        Path folder = path.getParent();
        if (folder == null) {
            throw new StoreException("session store " + path + ": the path has no parent folder");
        }
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            throw new StoreException("session store " + path + ": cannot create the folder " + folder
                    + ": a file of that name is in the way", e);
        } catch (IOException e) {
            throw new StoreException("session store " + path + ": cannot create the folder " + folder + ": " + e,
                    e);
        }
        if (Files.exists(path)) {
            if (!Files.isRegularFile(path)) {
                throw new StoreException("session store " + path + ": this is not a regular file");
            }
            if (!Files.isReadable(path)) {
                throw new StoreException("session store " + path + ": the file cannot be read (permission denied)");
            }
            if (!Files.isWritable(path)) {
                throw new StoreException("session store " + path + ": the file is read-only;"
                        + " the store needs to write to it");
            }
            checkHeader(path);
        }
        if (!Files.isWritable(folder)) {
            throw new StoreException("session store " + path + ": the folder " + folder + " is read-only;"
                    + " the store needs to create the database and its -wal and -shm files there");
        }
    }

    private static void checkHeader(Path path) {
        byte[] header = new byte[SQLITE_HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(path)) {
            read = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            throw new StoreException("session store " + path + ": cannot read the file: " + e, e);
        }
        if (read > 0 && (read < header.length || !Arrays.equals(header, SQLITE_HEADER))) {
            throw new StoreException("session store " + path + ": the file is not an SQLite database"
                    + " (it does not start with the SQLite header); was the wrong file given?");
        }
    }

    private void configure() {
        String action = "configure the database";
        lock.lock();
        try (Statement statement = connection.createStatement()) {
            if (dialect == Dialect.SQLITE) {
                String mode = single(statement, "PRAGMA journal_mode = WAL");
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new StoreException(prefix(location, action) + "cannot switch to write-ahead logging (journal"
                            + " mode stayed " + mode + "); is the file on a network drive?");
                }
            }
            for (String sql : dialect.setup(busyMillis)) {
                statement.execute(sql);
            }
            if (dialect == Dialect.SQLITE && !"1".equals(single(statement, "PRAGMA foreign_keys"))) {
                throw new StoreException(prefix(location, action) + "this SQLite cannot enforce foreign keys");
            }
        } catch (SQLException e) {
            throw failure(location, dialect, action, e, busyMillis);
        } finally {
            lock.unlock();
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? String.valueOf(rows.getString(1)) : "";
        }
    }

    private void migrate() {
        int version = query("read the schema version", this::schemaVersion);
        if (version > Schema.latestVersion()) {
            throw new StoreException(prefix(location, "open the database") + "it was written by a newer Trinn (schema"
                    + " version " + version + ", this Trinn knows up to " + Schema.latestVersion()
                    + "); update Trinn");
        }
        if (version == Schema.latestVersion()) {
            return;
        }
        write("migrate the schema", () -> {
            // Another process may have migrated between the check above and this transaction.
            int current = schemaVersion();
            if (current == 0) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY,"
                            + " applied_at TEXT NOT NULL)");
                }
            }
            for (int next = current + 1; next <= Schema.latestVersion(); next++) {
                try (Statement statement = connection.createStatement()) {
                    for (String sql : Schema.statements(next, dialect)) {
                        statement.execute(sql);
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                    insert.setInt(1, next);
                    insert.setString(2, Times.format(Instant.now(), "applied_at"));
                    insert.executeUpdate();
                }
            }
        });
    }

    /** 0 for an empty database; throws if it holds tables but is not a session store. */
    private int schemaVersion() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            boolean hasVersion = !"0".equals(single(statement, dialect.tableCount(true)));
            if (!hasVersion) {
                if (!"0".equals(single(statement, dialect.tableCount(false)))) {
                    throw new StoreException(prefix(location, "open the database") + "it is "
                            + (dialect == Dialect.SQLITE ? "an SQLite database" : "a PostgreSQL schema with tables")
                            + " but not a Trinn session store (it has tables but no schema_version table)");
                }
                return 0;
            }
            return Integer.parseInt(single(statement, "SELECT coalesce(max(version), 0) FROM schema_version"));
        }
    }

    // ---- recording ------------------------------------------------------------------------------------------------

    private void recordStart(SessionEvent.Started started, String action) throws SQLException {
        try (PreparedStatement check = connection.prepareStatement("SELECT 1 FROM sessions WHERE id = ?")) {
            check.setString(1, started.sessionId());
            try (ResultSet rows = check.executeQuery()) {
                if (rows.next()) {
                    throw new StoreException(prefix(location, action) + "a session with this id is already recorded");
                }
            }
        }
        String at = time(started.at(), action);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO clients (alias, created_at) VALUES (?, ?) ON CONFLICT (alias) DO NOTHING")) {
            insert.setString(1, started.clientAlias());
            insert.setString(2, at);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO sessions (id, client_id, scenario_id, language, difficulty, started_at, status,
                    last_event_at, owner_pid, owner_started_at, owner_host)
                VALUES (?, (SELECT id FROM clients WHERE alias = ?), ?, ?, ?, ?, 'active', ?, ?, ?, ?)""")) {
            insert.setString(1, started.sessionId());
            insert.setString(2, started.clientAlias());
            insert.setString(3, started.scenarioId());
            insert.setString(4, started.language());
            insert.setDouble(5, started.difficulty());
            insert.setString(6, at);
            insert.setString(7, at);
            insert.setLong(8, ownerPid);
            insert.setString(9, ownerStart.map(s -> Times.format(s, "process start")).orElse(null));
            insert.setString(10, Host.NAME);
            insert.executeUpdate();
        }
    }

    /** Moves the session's last-event time to the event's, and checks that the session was started. */
    private void touch(SessionEvent event, String action) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE sessions SET last_event_at = " + dialect.greatest() + "(last_event_at, ?) WHERE id = ?")) {
            update.setString(1, time(event.at(), action));
            update.setString(2, event.sessionId());
            requireSession(update.executeUpdate(), event, action);
        }
    }

    private void requireSession(int updated, SessionEvent event, String action) {
        if (updated == 0) {
            throw new StoreException(prefix(location, action) + "no session with this id has been started in this"
                    + " store; its Started event must come first");
        }
    }

    private String time(Instant at, String action) {
        try {
            return Times.format(at, "at");
        } catch (IllegalArgumentException e) {
            throw new StoreException(prefix(location, action) + e.getMessage(), e);
        }
    }

    private static boolean running(long pid, Optional<Instant> start) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return false;
        }
        if (start.isEmpty()) {
            return true;
        }
        // Start times are derived from clock ticks and may differ slightly between readings.
        return handle.get().info().startInstant()
                .map(actual -> Duration.between(actual, start.get()).abs().compareTo(Duration.ofSeconds(1)) <= 0)
                .orElse(true);
    }

    private static String describe(SessionEvent event) {
        String kind = switch (event) {
            case SessionEvent.Started s -> "the start";
            case SessionEvent.Opened o -> "the opening line";
            case SessionEvent.TurnCompleted t -> "turn " + t.turn().index();
            case SessionEvent.SafetyRaised r -> "a safety event";
            case SessionEvent.PauseChanged p -> p.paused() ? "a pause" : "a resumption";
            case SessionEvent.Decided d -> "a decision";
            case SessionEvent.Assessed a -> "the assessment";
            case SessionEvent.ConfidenceRated c -> "a confidence rating";
            case SessionEvent.TaskFollowedUp f -> "the task follow-up";
            case SessionEvent.Ended e -> "the end";
        };
        return kind + " of session " + event.sessionId();
    }

    // ---- transactions and errors ----------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    private interface VoidWork {
        void run() throws SQLException;
    }

    private void write(String action, VoidWork work) {
        writeAndGet(action, () -> {
            work.run();
            return Boolean.TRUE;
        });
    }

    /** Runs {@code work} in one immediate transaction: committed if it returns, rolled back if it throws. */
    private <T> T writeAndGet(String action, Work<T> work) {
        lock.lock();
        try {
            requireOpen(action);
            try {
                dialect.begin(connection);
            } catch (SQLException e) {
                StoreException failure = failure(location, dialect, action, e, busyMillis);
                rollback(failure);
                throw failure;
            }
            try {
                T result = work.run();
                dialect.commit(connection);
                return result;
            } catch (SQLException e) {
                StoreException failure = failure(location, dialect, action, e, busyMillis);
                rollback(failure);
                throw failure;
            } catch (RuntimeException e) {
                rollback(e);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private void rollback(Exception failure) {
        try {
            dialect.rollback(connection);
        } catch (SQLException e) {
            // Also when SQLite has already rolled back by itself (after a full disk or an I/O error), or when
            // SQLite's BEGIN failed and there is no transaction to roll back.
            failure.addSuppressed(e);
        }
    }

    private <T> T query(String action, Work<T> work) {
        lock.lock();
        try {
            requireOpen(action);
            return work.run();
        } catch (SQLException e) {
            throw failure(location, dialect, action, e, busyMillis);
        } finally {
            lock.unlock();
        }
    }

    /** Reads one row of a query result into a record. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** The rows of {@code sql} (whose one parameter is the session id), each read by {@code reader}, in order. */
    private <T> List<T> sessionRows(String sessionId, String what, String sql, RowReader<T> reader) {
        Require.nonNull(sessionId, "sessionId");
        return query("read the " + what + " of session " + sessionId, () -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, sessionId);
                return rows(statement, reader);
            }
        });
    }

    /** The rows {@code statement} (its parameters set) answers, each read by {@code reader}, in order. */
    private static <T> List<T> rows(PreparedStatement statement, RowReader<T> reader) throws SQLException {
        List<T> result = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                result.add(reader.read(rows));
            }
        }
        return List.copyOf(result);
    }

    private <T> T read(Supplier<T> reading, String what) {
        try {
            return reading.get();
        } catch (IllegalArgumentException | StoreException e) {
            throw new StoreException("session store " + location + ": " + what + " is malformed: " + e.getMessage(), e);
        }
    }

    private void requireOpen(String action) {
        if (closed) {
            throw new StoreException(prefix(location, action) + "the store is closed");
        }
    }

    private static String prefix(String location, String action) {
        return "session store " + location + ": cannot " + action + ": ";
    }

    private static StoreException failure(String location, Dialect dialect, String action, SQLException e,
            long busyMillis) {
        return new StoreException(prefix(location, action) + dialect.describe(e, busyMillis), e);
    }

    /** The name of this computer, recorded with each session's owner process. */
    private static final class Host {
        static final String NAME = name();

        private static String name() {
            String name;
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = Optional.ofNullable(System.getenv("HOSTNAME")).or(() -> Optional.ofNullable(
                        System.getenv("COMPUTERNAME"))).orElse("unknown");
            }
            return name.length() > 255 ? name.substring(0, 255) : name;
        }
    }
}
