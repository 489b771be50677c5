package no.trinn.console.web;

import static no.trinn.console.web.ConsoleFixture.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionSummary;
import no.trinn.core.session.TurnRecord;
import no.trinn.store.SessionCommand;
import no.trinn.store.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live view's routes over HTTP: login and CSRF, commands stored for the session, and the SSE stream. */
class LiveConsoleTest {
    private static final String LIVE = "live-1";

    @TempDir
    Path dir;

    private static ConsoleFixture fixture(Path dir) {
        ConsoleFixture c = new ConsoleFixture(dir, true);
        Instant t = Instant.now();
        c.store.onEvent(new SessionEvent.Started(LIVE, t, "p-1", "supermarket-checkout", "en", 0.3));
        c.store.onEvent(new SessionEvent.Opened(LIVE, t, "start", "Hello! Did you find everything?"));
        return c;
    }

    private static TurnRecord turn(int index, String client, String character) {
        return new TurnRecord(index, client, character, "start", "pay", Optional.empty(), 0.5, 900, 3, List.of(),
                false, false, 1_000, Optional.empty());
    }

    @Test
    void withoutALoginTheLiveRoutesAnswerNothing() throws Exception {
        try (ConsoleFixture c = fixture(dir)) {
            HttpResponse<String> page = c.get("/live?id=" + LIVE);
            assertEquals(303, page.statusCode());
            assertEquals(Optional.of("/login"), page.headers().firstValue("Location"));
            HttpResponse<String> events = c.http.send(HttpRequest.newBuilder(URI.create(c.base()
                    + "/api/live/events?id=" + LIVE)).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, events.statusCode());
            assertFalse(events.body().contains("Hello"));
            String token = ConsoleFixture.csrf(c.get("/login").body());
            assertEquals(303, c.post("/live/command", form("csrf", token, "id", LIVE, "kind", "stop")).statusCode());
            assertEquals(List.of(), c.store.takeCommands(LIVE), "nothing was sent");
        }
    }

    @Test
    void aCommandNeedsTheCsrfTokenAndIsStoredForTheSession() throws Exception {
        try (ConsoleFixture c = fixture(dir)) {
            String token = c.loggedIn();
            assertEquals(403, c.post("/live/command", form("id", LIVE, "kind", "pause")).statusCode());
            assertEquals(403, c.post("/live/command", form("csrf", token + "x", "id", LIVE, "kind", "pause"))
                    .statusCode());
            assertEquals(403, c.post("/live/command", form("csrf", token, "id", LIVE, "kind", "pause"),
                    Optional.of("http://evil.example"), Optional.empty()).statusCode(), "another origin");
            assertEquals(List.of(), c.store.takeCommands(LIVE));
            HttpResponse<String> sent = c.post("/live/command", form("csrf", token, "id", LIVE, "kind", "pause"));
            assertEquals(303, sent.statusCode(), sent.body());
            assertEquals(Optional.of("/live?id=" + LIVE + "&sent=pause"), sent.headers().firstValue("Location"));
            assertEquals(List.of(SessionCommand.Kind.PAUSE),
                    c.store.takeCommands(LIVE).stream().map(SessionCommand::kind).toList());
            assertEquals(400, c.post("/live/command", form("csrf", token, "id", LIVE, "kind", "explode"))
                    .statusCode());
            assertEquals(409, c.post("/live/command", form("csrf", token, "id", "s-1", "kind", "stop")).statusCode(),
                    "s-1 has ended");
            assertEquals(404, c.post("/live/command", form("csrf", token, "id", "nope", "kind", "stop")).statusCode());

            String key = "supermarket-checkout/cashier/patience";
            HttpResponse<String> settings = c.post("/live/settings", form("csrf", token, "id", LIVE, "t.set", key,
                    "t." + key, "0.2"));
            assertEquals(303, settings.statusCode(), settings.body());
            Map<String, Map<String, Double>> expected = Map.of("supermarket-checkout/cashier", Map.of("patience", 0.2));
            assertEquals(expected, c.store.settings("p-1").temperament(), "saved as the client's settings");
            List<SessionCommand> taken = c.store.takeCommands(LIVE);
            assertEquals(List.of(SessionCommand.Kind.SETTINGS), taken.stream().map(SessionCommand::kind).toList());
            assertEquals(expected, taken.getFirst().settings().map(ClientSettings::temperament).orElseThrow());
            assertEquals(400, c.post("/live/settings", form("csrf", token, "id", LIVE, "t.set", key, "t." + key,
                    "7")).statusCode(), "out of range");
            assertEquals(400, c.post("/live/settings", form("csrf", token, "id", LIVE, "t.set",
                    "coffee-order/barista/warmth", "t.coffee-order/barista/warmth", "0.1")).statusCode(),
                    "not a character of this session");
            assertEquals(List.of(), c.store.takeCommands(LIVE));
        }
    }

    @Test
    void theHomePageListsRunningSessionsAndTheLivePageServesItsScript() throws Exception {
        try (ConsoleFixture c = fixture(dir)) {
            c.loggedIn();
            String home = c.get("/").body();
            assertTrue(home.contains("href=\"/live?id=" + LIVE + "\""), home);
            assertFalse(home.contains("/live?id=s-1"), "ended sessions are not live");
            HttpResponse<String> page = c.get("/live?id=" + LIVE);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("data-session=\"" + LIVE + "\""));
            assertTrue(page.body().contains("src=\"/static/live.js\""));
            assertFalse(page.body().contains("<script>"), "no inline script");
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("connect-src 'self'"));
            HttpResponse<String> js = c.get("/static/live.js");
            assertEquals(200, js.statusCode());
            assertTrue(js.body().contains("EventSource"));
            assertFalse(js.body().contains("innerHTML"), "session text is never parsed as HTML");
            assertEquals(404, c.get("/live?id=nope").statusCode());
        }
    }

    @Test
    void theEventStreamDeliversATurnWrittenToTheStoreByAnotherProcess() throws Exception {
        try (ConsoleFixture c = fixture(dir); SessionStore writer = SessionStore.open(dir.resolve("trinn.db"))) {
            c.loggedIn();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            CompletableFuture<HttpResponse<Stream<String>>> response = c.http.sendAsync(HttpRequest.newBuilder(
                    URI.create(c.base() + "/api/live/events?id=" + LIVE)).header("Accept", "text/event-stream")
                    .GET().build(), HttpResponse.BodyHandlers.ofLines());
            HttpResponse<Stream<String>> stream = response.get(10, TimeUnit.SECONDS);
            assertEquals(200, stream.statusCode());
            assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            Thread reader = Thread.ofVirtual().start(() -> stream.body().forEach(lines::add));
            String first = next(lines, l -> l.startsWith("data:"));
            assertTrue(first.contains("Hello! Did you find everything?"), first);

            List<Long> micros = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String words = "Turn number " + i + " <b>&</b>";
                long t0 = System.nanoTime();
                writer.onEvent(new SessionEvent.TurnCompleted(LIVE, Instant.now(), turn(i, words, "Okay.")));
                String data = next(lines, l -> l.startsWith("data:") && l.contains("Turn number "));
                micros.add((System.nanoTime() - t0) / 1000);
                assertTrue(data.contains("\"index\":" + i), data);
                assertTrue(data.contains("\\u003cb\\u003e&\\u003c/b\\u003e"), "escaped in JSON: " + data);
            }
            // a measured figure, not a timing assertion (tail interval 100 ms)
            System.out.println("live SSE: write-to-receipt latency per turn (ms): " + micros.stream()
                    .map(m -> String.format(java.util.Locale.ROOT, "%.1f", m / 1000.0)).toList());
            assertEquals(1, tails(c), "one tail for the watched session");

            writer.onEvent(new SessionEvent.Ended(LIVE, Instant.now(), "stopped", new SessionSummary(List.of(),
                    List.of("pay"), false, List.of("You answered"), "Say the amount", "Buy one thing", 5)));
            String last = next(lines, l -> l.startsWith("data:") && l.contains("\"status\":\"ended\""));
            assertTrue(last.contains("\"reason\":\"stopped\""), last);
            reader.join(Duration.ofSeconds(10));
            assertFalse(reader.isAlive(), "the stream ends with the session");
        }
    }

    private static int tails(ConsoleFixture c) throws Exception {
        var field = ConsoleServer.class.getDeclaredField("live");
        field.setAccessible(true);
        return ((LivePages) field.get(c.server)).tails();
    }

    private static String next(BlockingQueue<String> lines, java.util.function.Predicate<String> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("no such line within 10 s");
    }
}
