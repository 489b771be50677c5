package no.trinn.console.web;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.trinn.core.session.Decision;
import no.trinn.core.session.LevelEstimate;
import no.trinn.core.session.SafetyEvent;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionScore;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.store.SessionStore;
import no.trinn.testkit.ManualClock;

/** A real console on an ephemeral port over a real temporary store, and an HTTP client that keeps cookies. */
final class ConsoleFixture implements AutoCloseable {
    static final String PASSWORD = "correct horse battery";
    static final Instant T0 = Instant.parse("2026-02-03T10:00:00Z");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    final Path dir;
    final ManualClock clock = new ManualClock(T0);
    final SessionStore store;
    final ConsoleServer server;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    HttpClient http;

    ConsoleFixture(Path dir, boolean withPassword) {
        this.dir = dir;
        store = SessionStore.open(dir.resolve("trinn.db"));
        record(store, "p-1", "s-1", T0.minus(Duration.ofDays(2)), "Hei <script>alert(1)</script> & \"hallo\"");
        record(store, "p-1", "s-2", T0.minus(Duration.ofDays(1)), "Second visit");
        record(store, "p-2", "other-1", T0.minus(Duration.ofDays(1)), "Someone else");
        ConsoleOptions options = new ConsoleOptions("127.0.0.1", 0, dir.resolve("console-password"),
                PasswordFile.MIN_ITERATIONS, Duration.ofMinutes(30), Duration.ofHours(10), 5);
        if (withPassword) {
            new PasswordFile(options.passwordFile(), PasswordFile.MIN_ITERATIONS).set(PASSWORD.toCharArray());
        }
        server = ConsoleServer.start(options, store, ScenarioLibrary.shipped(), clock, new PrintWriter(out, true),
                new PrintWriter(err, true));
        newBrowser();
    }

    /** Forgets every cookie, as a new browser would. */
    void newBrowser() {
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, List<String>> form, Optional<String> origin,
            Optional<String> referer) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, values) -> values.forEach(v -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        origin.ifPresent(o -> b.header("Origin", o));
        referer.ifPresent(r -> b.header("Referer", r));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST as this console's own page would send it (same Origin). */
    HttpResponse<String> post(String path, Map<String, List<String>> form) throws Exception {
        return post(path, form, Optional.of(base()), Optional.empty());
    }

    static Map<String, List<String>> form(String... keysAndValues) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            form.computeIfAbsent(keysAndValues[i], k -> new ArrayList<>()).add(keysAndValues[i + 1]);
        }
        return form;
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in " + html);
        }
        return m.group(1);
    }

    /** Logs in with {@code password}; returns the answer to the POST. */
    HttpResponse<String> login(String password) throws Exception {
        String token = csrf(get("/login").body());
        return post("/login", form("csrf", token, "password", password));
    }

    /** Logs in and returns the session's CSRF token. */
    String loggedIn() throws Exception {
        HttpResponse<String> r = login(PASSWORD);
        if (r.statusCode() != 303) {
            throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
        }
        return csrf(get("/").body());
    }

    /** Rows per table that belong to client {@code alias}. */
    Map<String, Integer> rows(String alias) throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        String sessions = "(SELECT s.id FROM sessions s JOIN clients c ON c.id = s.client_id WHERE c.alias = '"
                + alias + "')";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("clients", "SELECT count(*) FROM clients WHERE alias = '" + alias + "'");
        queries.put("client_settings", "SELECT count(*) FROM client_settings WHERE client_id IN "
                + "(SELECT id FROM clients WHERE alias = '" + alias + "')");
        queries.put("sessions", "SELECT count(*) FROM " + sessions);
        for (String table : List.of("turns", "safety_events", "pauses", "decisions", "level_estimates")) {
            queries.put(table, "SELECT count(*) FROM " + table + " WHERE session_id IN " + sessions);
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("trinn.db"));
                Statement st = raw.createStatement()) {
            for (var q : queries.entrySet()) {
                try (ResultSet rs = st.executeQuery(q.getValue())) {
                    rs.next();
                    counts.put(q.getKey(), rs.getInt(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sessions WHERE id IN "
                    + ("p-1".equals(alias) ? "('s-1', 's-2')" : "('other-1')"))) {
                rs.next();
                counts.put("sessions by id", rs.getInt(1));
            }
        }
        return counts;
    }

    static void record(SessionStore store, String alias, String id, Instant t, String clientText) {
        store.onEvent(new SessionEvent.Started(id, t, alias, "supermarket-checkout", "en", 0.3));
        store.onEvent(new SessionEvent.Opened(id, t.plusSeconds(1), "start", "Hello! Did you find everything?"));
        store.onEvent(new SessionEvent.TurnCompleted(id, t.plusSeconds(5), new TurnRecord(0, clientText,
                "Good. That is 40 kroner.", "start", "pay", Optional.of("greet"), 0.8, 1800, 4, List.of("greet"),
                false, false, 1_000_000, Optional.empty())));
        store.onEvent(new SessionEvent.SafetyRaised(id, t.plusSeconds(6),
                new SafetyEvent(0, SafetyEvent.Kind.DISTRESS, 1, "phrase", 0.7)));
        store.onEvent(new SessionEvent.PauseChanged(id, t.plusSeconds(7), true, "client asked"));
        store.onEvent(new SessionEvent.PauseChanged(id, t.plusSeconds(9), false, "resumed"));
        store.onEvent(new SessionEvent.Decided(id, t.plusSeconds(10), new Decision(Decision.Scope.WITHIN_SESSION, 0,
                Map.of("difficulty", 0.3), Map.of("difficulty", 0.35), Map.of("success", 1.0),
                "The client answered well; a little harder", Optional.empty())));
        store.onEvent(new SessionEvent.Assessed(id, t.plusSeconds(11), new SessionScore(0.8, 0.7, 1800, 0.3, 0.35),
                List.of(new LevelEstimate("tier1", 0.42, 0.1, 3), new LevelEstimate("tier3", 0.2, 0.2, 1))));
        store.onEvent(new SessionEvent.Ended(id, t.plusSeconds(12), "completed", new SessionSummary(List.of("greet"),
                List.of("pay"), false, List.of("You greeted the cashier"), "Say the amount back",
                "Buy one thing in a shop", 1)));
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
