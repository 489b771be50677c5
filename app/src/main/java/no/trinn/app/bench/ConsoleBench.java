package no.trinn.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.trinn.app.cli.AppException;
import no.trinn.console.web.ConsoleOptions;
import no.trinn.console.web.ConsoleServer;
import no.trinn.console.web.PasswordFile;
import no.trinn.core.Clock;
import no.trinn.core.Require;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.TurnRecord;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.store.SessionStore;

/**
 * {@code trinn bench console}: the live view under load, on loopback. For N = 1, 2, 4, ... up to the given number,
 * N simulated sessions (each with its own store connection, as a practice process has) write a turn every second
 * to a temporary SQLite store, while one console serves N logged-in SSE viewers, one per session. The update latency
 * of a turn is the time from just before its write to its receipt by the session's viewer. Prints p50, p95 and max
 * per N, and the largest N whose p95 stays under {@link #TARGET_MILLIS} ms.
 */
public final class ConsoleBench {
    /** The p95 update latency the live view aims to stay under. */
    public static final double TARGET_MILLIS = 200;

    private static final String PASSWORD = "bench password 12345";
    private static final Pattern INDEX = Pattern.compile("\"type\":\"turn\",\"index\":(\\d+)");

    /** The figures of one round: N sessions, updates measured, latency quantiles in ms, updates never received. */
    public record Round(int sessions, int updates, double p50, double p95, double max, int missing) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%3d sessions: %5d updates, p50 %6.1f ms, p95 %6.1f ms, max %6.1f ms%s",
                    sessions, updates, p50, p95, max, missing == 0 ? "" : ", " + missing + " not received");
        }
    }

    private final PrintWriter out;
    private final int maxSessions;
    private final int seconds;

    /** Rounds up to {@code maxSessions} sessions, each measured for {@code seconds}. */
    public ConsoleBench(PrintWriter out, int maxSessions, int seconds) {
        this.out = Require.nonNull(out, "out");
        Require.inRange(maxSessions, 1, 1000, "maxSessions");
        Require.inRange(seconds, 1, 3600, "seconds");
        this.maxSessions = maxSessions;
        this.seconds = seconds;
    }

    /** Runs every round, printing as it goes; returns the rounds. */
    public List<Round> run() {
        List<Round> rounds = new ArrayList<>();
        out.println("console live view: " + seconds + " s per round, one turn per session per second, tail every "
                + "100 ms; latency = write to SSE receipt");
        out.flush();
        for (int n = 1; ; n = Math.min(n * 2, maxSessions)) {
            Round r = round(n);
            rounds.add(r);
            out.println("console: " + r);
            out.flush();
            if (n == maxSessions) {
                break;
            }
        }
        Optional<Round> best = rounds.stream().filter(r -> r.missing() == 0 && r.p95() < TARGET_MILLIS)
                .max(Comparator.comparingInt(Round::sessions));
        out.println("console: largest N with p95 under " + (int) TARGET_MILLIS + " ms: "
                + best.map(r -> Integer.toString(r.sessions())).orElse("none") + " (of the N measured)");
        out.flush();
        return rounds;
    }

    private Round round(int n) {
        Path dir;
        try {
            dir = Files.createTempDirectory("trinn-bench-console");
        } catch (IOException e) {
            throw new AppException("bench console: cannot create a temporary folder: " + e.getMessage(), e);
        }
        Path db = dir.resolve("trinn.db");
        List<SessionStore> writers = new ArrayList<>();
        Map<String, Long> written = new ConcurrentHashMap<>();
        Map<String, Long> received = new ConcurrentHashMap<>();
        StringWriter consoleOut = new StringWriter();
        try (SessionStore consoleStore = SessionStore.open(db)) {
            Instant now = Instant.now();
            for (int i = 0; i < n; i++) {
                SessionStore w = SessionStore.open(db);
                writers.add(w);
                w.onEvent(new SessionEvent.Started("bench-" + i, now, "bench-" + i, "coffee-order", "en", 0.2));
                w.onEvent(new SessionEvent.Opened("bench-" + i, now, "order", "Hi there! What can I get for you?"));
            }
            ConsoleOptions options = new ConsoleOptions("127.0.0.1", 0, dir.resolve("console-password"),
                    PasswordFile.MIN_ITERATIONS, Duration.ofMinutes(30), Duration.ofHours(1), 5);
            new PasswordFile(options.passwordFile(), PasswordFile.MIN_ITERATIONS).set(PASSWORD.toCharArray());
            PrintWriter quiet = new PrintWriter(consoleOut, true);
            try (ConsoleServer console = ConsoleServer.start(options, consoleStore, ScenarioLibrary.shipped(),
                    Clock.system(), quiet, quiet)) {
                String base = "http://127.0.0.1:" + console.port();
                HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
                login(http, base);
                CountDownLatch opened = new CountDownLatch(n);
                List<Thread> readers = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String id = "bench-" + i;
                    HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create(base
                            + "/api/live/events?id=" + id)).header("Accept", "text/event-stream").GET().build(),
                            HttpResponse.BodyHandlers.ofLines());
                    if (stream.statusCode() != 200) {
                        throw new AppException("bench console: the event stream answered " + stream.statusCode());
                    }
                    readers.add(Thread.ofVirtual().start(() -> read(stream.body(), line -> {
                        if (!line.startsWith("data:")) {
                            return;
                        }
                        long at = System.nanoTime();
                        if (line.contains("\"type\":\"opened\"")) {
                            opened.countDown();
                        }
                        Matcher m = INDEX.matcher(line);
                        while (m.find()) {
                            received.putIfAbsent(id + "/" + m.group(1), at);
                        }
                    })));
                }
                if (!opened.await(60, TimeUnit.SECONDS)) {
                    throw new AppException("bench console: not every viewer got its session's opening line");
                }
                List<Thread> sessions = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    SessionStore w = writers.get(i);
                    String id = "bench-" + i;
                    long phase = (1000L * i) / n;
                    sessions.add(Thread.ofPlatform().daemon().start(() -> simulate(w, id, phase, written)));
                }
                for (Thread t : sessions) {
                    t.join();
                }
                Thread.sleep(1000);
                readers.forEach(Thread::interrupt);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AppException("bench console: interrupted", e);
        } catch (IOException e) {
            throw new AppException("bench console: " + e.getMessage(), e);
        } finally {
            writers.forEach(SessionStore::close);
            deleteQuietly(dir);
        }
        List<Double> millis = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Long> w : written.entrySet()) {
            Long r = received.get(w.getKey());
            if (r == null) {
                missing++;
            } else {
                millis.add((r - w.getValue()) / 1e6);
            }
        }
        millis.sort(Double::compare);
        return new Round(n, millis.size(), quantile(millis, 0.5), quantile(millis, 0.95),
                millis.isEmpty() ? Double.NaN : millis.getLast(), missing);
    }

    /** One session: a turn a second for the round's length, starting {@code phaseMillis} in. */
    private void simulate(SessionStore store, String id, long phaseMillis, Map<String, Long> written) {
        try {
            Thread.sleep(phaseMillis);
            long start = System.nanoTime();
            for (int turn = 0; turn < seconds; turn++) {
                long due = start + turn * 1_000_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                long t0 = System.nanoTime();
                store.onEvent(new SessionEvent.TurnCompleted(id, Instant.now(), new TurnRecord(turn,
                        "A coffee, please.", "Lovely. Small or large?", "order", "size", Optional.of("order_drink"),
                        0.9, 1200, 3, List.of(), false, false, 1_000_000, Optional.empty())));
                written.put(id + "/" + turn, t0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the stream's lines until it ends or the round is over (the reader is interrupted). */
    private static void read(Stream<String> lines, java.util.function.Consumer<String> each) {
        try (lines) {
            lines.forEach(each);
        } catch (java.io.UncheckedIOException e) {
            // the round is over: the reader was interrupted, or the console closed the stream
            return;
        }
    }

    private void login(HttpClient http, String base) throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        if (!m.find()) {
            throw new AppException("bench console: the login page has no form token");
        }
        String form = "csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 303) {
            throw new AppException("bench console: the login failed (" + login.statusCode() + ")");
        }
    }

    private static double quantile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system cleans it up eventually
            return;
        }
    }
}
