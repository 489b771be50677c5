package no.trinn.console.web;

import static no.trinn.console.web.ConsoleFixture.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.core.session.Bounds;
import no.trinn.core.session.ClientSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleServerTest {
    @TempDir
    Path dir;

    private static final List<String> GET_ROUTES = List.of("/", "/client?alias=p-1", "/session?id=s-1",
            "/client/delete?alias=p-1", "/static/console.js", "/no-such-page", "/setup?token=x");
    private static final List<String> POST_ROUTES = List.of("/client/settings", "/client/delete", "/logout");

    private static void assertRedirectsToLogin(HttpResponse<String> r, String what) {
        assertEquals(303, r.statusCode(), what + ": " + r.body());
        assertEquals(Optional.of("/login"), r.headers().firstValue("Location"), what);
        assertFalse(r.body().contains("p-1"), what);
    }

    private static void assertSecurityHeaders(HttpResponse<String> r) {
        assertEquals(Optional.of(ConsoleServer.CSP), r.headers().firstValue("Content-Security-Policy"));
        assertEquals(Optional.of("DENY"), r.headers().firstValue("X-Frame-Options"));
        assertEquals(Optional.of("nosniff"), r.headers().firstValue("X-Content-Type-Options"));
        assertEquals(Optional.of("same-origin"), r.headers().firstValue("Referrer-Policy"));
        assertEquals(Optional.of("no-store"), r.headers().firstValue("Cache-Control"));
    }

    @Test
    void anUnauthenticatedRequestGetsOnlyTheLoginPageAndItsStyleSheet() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            for (String path : GET_ROUTES) {
                HttpResponse<String> r = c.get(path);
                assertRedirectsToLogin(r, "GET " + path);
                assertSecurityHeaders(r);
            }
            HttpResponse<String> api = c.get("/api/export?alias=p-1");
            assertEquals(401, api.statusCode());
            assertFalse(api.body().contains("p-1"));
            String token = ConsoleFixture.csrf(c.get("/login").body());
            for (String path : POST_ROUTES) {
                assertRedirectsToLogin(c.post(path, form("csrf", token, "alias", "p-1", "confirm", "p-1")),
                        "POST " + path);
            }
            assertEquals(3, c.rows("p-1").get("turns") + 1, "nothing was deleted");
            HttpResponse<String> login = c.get("/login");
            assertEquals(200, login.statusCode());
            assertSecurityHeaders(login);
            String cookie = login.headers().firstValue("Set-Cookie").orElse("");
            assertTrue(cookie.isEmpty() || cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            assertFalse(login.body().contains("<script"), "no script on the login page");
            HttpResponse<String> css = c.get("/static/console.css");
            assertEquals(200, css.statusCode());
            assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        }
    }

    @Test
    void aWrongPasswordFailsAndRepeatedFailuresAreRateLimited() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = c.login("wrong password " + i);
                assertEquals(401, r.statusCode());
                assertTrue(r.body().contains("Wrong password"));
            }
            HttpResponse<String> blocked = c.login(ConsoleFixture.PASSWORD);
            assertEquals(429, blocked.statusCode(), "even the right password waits");
            assertTrue(blocked.headers().firstValue("Retry-After").isPresent());
            assertRedirectsToLogin(c.get("/"), "still logged out");
            c.clock.advance(LoginThrottle.FIRST_LOCKOUT.plusSeconds(1));
            HttpResponse<String> ok = c.login(ConsoleFixture.PASSWORD);
            assertEquals(303, ok.statusCode());
            assertEquals(Optional.of("/"), ok.headers().firstValue("Location"));
            String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            assertFalse(cookie.contains("Secure"), "plain HTTP on loopback: " + cookie);
            assertEquals(200, c.get("/").statusCode());
            assertFalse(c.err.toString().contains(ConsoleFixture.PASSWORD));
            assertFalse(c.out.toString().contains("p-1"));
        }
    }

    @Test
    void aPostWithoutOrWithAWrongCsrfTokenIsRefused() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            String token = c.loggedIn();
            HttpResponse<String> none = c.post("/client/settings", form("alias", "p-1", "lock.warmth", "0.5"));
            assertEquals(403, none.statusCode());
            HttpResponse<String> wrong = c.post("/client/settings", form("csrf", token + "x", "alias", "p-1",
                    "lock.warmth", "0.5"));
            assertEquals(403, wrong.statusCode());
            assertEquals(403, c.post("/client/delete", form("csrf", "", "alias", "p-1", "confirm", "p-1"))
                    .statusCode());
            assertEquals(403, c.post("/logout", form()).statusCode());
            assertEquals(ClientSettings.NONE, c.store.settings("p-1"));
            assertEquals(2, c.rows("p-1").get("sessions"));
            c.newBrowser();
            HttpResponse<String> login = c.post("/login", form("csrf", "made-up", "password", ConsoleFixture.PASSWORD));
            assertEquals(403, login.statusCode(), "a login form needs the token of its own page");
        }
    }

    @Test
    void aCrossSiteOriginOrRefererIsRefused() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            String token = c.loggedIn();
            Map<String, List<String>> lock = form("csrf", token, "alias", "p-1", "lock.warmth", "0.5");
            assertEquals(403, c.post("/client/settings", lock, Optional.of("http://evil.example"), Optional.empty())
                    .statusCode());
            assertEquals(403, c.post("/client/settings", lock, Optional.of("null"), Optional.empty()).statusCode());
            assertEquals(403, c.post("/client/settings", lock, Optional.empty(),
                    Optional.of("http://evil.example/page")).statusCode());
            assertEquals(403, c.post("/client/settings", lock, Optional.empty(), Optional.empty()).statusCode());
            assertEquals(ClientSettings.NONE, c.store.settings("p-1"));
            assertEquals(303, c.post("/client/settings", lock, Optional.empty(),
                    Optional.of(c.base() + "/client?alias=p-1")).statusCode(), "a same-origin Referer will do");
            assertEquals(Map.of("warmth", 0.5), c.store.settings("p-1").locks());
        }
    }

    @Test
    void aRequestNamingAForeignHostIsRefusedOnLoopback() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, true);
                Socket socket = new Socket("127.0.0.1", c.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /login HTTP/1.1\r\nHost: rebound.example:" + c.server.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertTrue(status.contains(" 421 "), status);
        }
    }

    @Test
    void aLoginExpiresWhenIdleAndAtItsAbsoluteLimit() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            c.loggedIn();
            c.clock.advance(Duration.ofMinutes(29));
            assertEquals(200, c.get("/").statusCode());
            c.clock.advance(Duration.ofMinutes(29));
            assertEquals(200, c.get("/").statusCode(), "each request restarts the idle time");
            c.clock.advance(Duration.ofMinutes(30));
            assertRedirectsToLogin(c.get("/"), "idle for 30 minutes");

            c.loggedIn();
            for (int i = 0; i < 29; i++) {
                c.clock.advance(Duration.ofMinutes(20));
                assertEquals(200, c.get("/").statusCode(), "after " + (i + 1) * 20 + " minutes");
            }
            c.clock.advance(Duration.ofMinutes(20));
            assertRedirectsToLogin(c.get("/"), "10 hours after the login");
        }
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            String token = c.loggedIn();
            HttpResponse<String> r = c.post("/logout", form("csrf", token));
            assertEquals(303, r.statusCode());
            assertRedirectsToLogin(c.get("/"), "after logout");
        }
    }

    @Test
    void pagesShowClientsSessionsAndLevelsEscaped() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            c.loggedIn();
            String clients = c.get("/").body();
            assertTrue(clients.contains("href=\"/client?alias=p-1\""), clients);
            assertTrue(clients.contains("T1 0.42"), clients);
            HttpResponse<String> client = c.get("/client?alias=p-1");
            assertEquals(200, client.statusCode());
            assertTrue(client.body().contains("href=\"/session?id=s-1\""));
            assertTrue(client.body().contains("tier3"));
            assertTrue(client.body().contains("name=\"t.supermarket-checkout/cashier/warmth\""), "sliders");
            String session = c.get("/session?id=s-1").body();
            assertTrue(session.contains("Hei &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;hallo&quot;"), session);
            assertFalse(session.contains("<script>alert"));
            assertTrue(session.contains("The client answered well; a little harder"));
            assertTrue(session.contains("DISTRESS"));
            assertTrue(session.contains("difficulty 0.30 -&gt; 0.35"), session);
            assertEquals(404, c.get("/session?id=nope").statusCode());
            assertEquals(404, c.get("/client?alias=nobody").statusCode());
            assertEquals(404, c.get("/client?alias=%3Cb%3E").statusCode());
            assertEquals(200, c.get("/static/console.js").statusCode());
        }
    }

    @Test
    void settingsSavedThroughTheFormAreInTheStoreUnderTheSameRulesAsTheCommandLine() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            String token = c.loggedIn();
            HttpResponse<String> r = c.post("/client/settings", form("csrf", token, "alias", "p-1",
                    "cap.min.difficulty", "0", "cap.max.difficulty", "0.4", "lock.warmth", "0.9",
                    "cap.min.pressure", "", "cap.max.pressure", "",
                    "t.set", "supermarket-checkout/cashier/patience",
                    "t.supermarket-checkout/cashier/patience", "0.95",
                    "t.supermarket-checkout/cashier/warmth", "0.1",
                    "assign", "supermarket-checkout"));
            assertEquals(303, r.statusCode(), r.body());
            ClientSettings saved = c.store.settings("p-1");
            assertEquals(Map.of("difficulty", new Bounds(0, 0.4)), saved.caps());
            assertEquals(Map.of("warmth", 0.9), saved.locks());
            assertEquals(Map.of("supermarket-checkout/cashier", Map.of("patience", 0.95)), saved.temperament(),
                    "an unticked slider is not saved");
            assertEquals(List.of("supermarket-checkout"), saved.assigned());
            assertTrue(c.get("/client?alias=p-1").body().contains("value=\"0.95\""));

            for (String[] bad : new String[][] {
                {"cap.min.difficulty", "0.6", "MIN 0.6 lies above MAX 0.2"},
                {"lock.warmth", "1.5", "1.5 lies outside 0..1"},
                {"lock.warmth", "lots", "is not a number"},
                {"t.set", "supermarket-checkout/nobody/warmth", "has no character"},
                {"t.set", "supermarket-checkout/cashier/kindness", "is not a temperament of cashier"},
                {"assign", "no-such-scenario", "unknown scenario"}}) {
                Map<String, List<String>> f = form("csrf", token, "alias", "p-1", "cap.max.difficulty", "0.2",
                        "cap.min.difficulty", "0", bad[0], bad[1]);
                f.get("cap.min.difficulty").removeIf(v -> bad[0].equals("cap.min.difficulty") && v.equals("0"));
                f.put("t." + bad[1], List.of("0.5"));
                HttpResponse<String> refused = c.post("/client/settings", f);
                assertEquals(400, refused.statusCode(), bad[1]);
                assertTrue(refused.body().contains(Html.esc(bad[2])), bad[2] + " in " + refused.body());
                assertEquals(saved, c.store.settings("p-1"), "nothing saved for " + bad[1]);
            }
        }
    }

    @Test
    void theExportIsAJsonDownloadWithAllOfTheClientsSessions() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            c.loggedIn();
            HttpResponse<String> r = c.get("/api/export?alias=p-1");
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertTrue(r.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));
            String json = r.body();
            assertTrue(json.startsWith("{\"format\":\"trinn-client-export\""), json);
            assertTrue(json.contains("\"id\":\"s-1\"") && json.contains("\"id\":\"s-2\""), json);
            assertTrue(json.contains("\"clientText\":\"Second visit\""), json);
            assertTrue(json.contains("\\u003cscript\\u003e"), "angle brackets escaped: " + json);
            assertTrue(json.contains("\"reason\":\"The client answered well; a little harder\""));
            assertTrue(json.contains("\"scale\":\"tier1\""));
            assertFalse(json.contains("other-1") || json.contains("Someone else"), "only this client");
            assertEquals(404, c.get("/api/export?alias=nobody").statusCode());
        }
    }

    @Test
    void deletingAClientAfterConfirmationRemovesEveryRowOfIt() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            String token = c.loggedIn();
            c.store.saveSettings("p-1", new ClientSettings(Map.of(), Map.of("warmth", 0.5), Map.of(), List.of()));
            Map<String, Integer> before = c.rows("p-1");
            before.forEach((table, n) -> assertTrue(n > 0, table));
            Map<String, Integer> other = c.rows("p-2");
            assertEquals(200, c.get("/client/delete?alias=p-1").statusCode());
            HttpResponse<String> unconfirmed = c.post("/client/delete", form("csrf", token, "alias", "p-1",
                    "confirm", "p-"));
            assertEquals(400, unconfirmed.statusCode());
            assertEquals(before, c.rows("p-1"));
            HttpResponse<String> done = c.post("/client/delete", form("csrf", token, "alias", "p-1", "confirm",
                    "p-1"));
            assertEquals(303, done.statusCode());
            assertEquals(Optional.of("/?deleted=1"), done.headers().firstValue("Location"));
            c.rows("p-1").forEach((table, n) -> assertEquals(0, n, table));
            assertEquals(other, c.rows("p-2"));
            assertEquals(404, c.get("/client?alias=p-1").statusCode());
            assertFalse(c.get("/").body().contains("alias=p-1\""));
        }
    }

    @Test
    void theFirstStartPrintsAOneTimeSetupUrlThatSetsAHashedPassword() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, false)) {
            String url = c.server.setupUrl().orElseThrow();
            assertTrue(c.out.toString().contains(url), c.out.toString());
            String path = url.substring(c.base().length());
            assertRedirectsToLogin(c.get("/setup?token=wrong"), "wrong token");
            assertRedirectsToLogin(c.get("/"), "no password yet");
            HttpResponse<String> page = c.get(path);
            assertEquals(200, page.statusCode());
            String token = ConsoleFixture.csrf(page.body());
            String setupToken = path.substring(path.indexOf('=') + 1);
            assertEquals(400, c.post("/setup", form("csrf", token, "token", setupToken, "password", "short",
                    "confirm", "short")).statusCode());
            assertEquals(400, c.post("/setup", form("csrf", token, "token", setupToken, "password",
                    ConsoleFixture.PASSWORD, "confirm", ConsoleFixture.PASSWORD + "!")).statusCode());
            assertEquals(403, c.post("/setup", form("csrf", token, "token", setupToken + "x", "password",
                    ConsoleFixture.PASSWORD, "confirm", ConsoleFixture.PASSWORD)).statusCode());
            HttpResponse<String> set = c.post("/setup", form("csrf", token, "token", setupToken, "password",
                    ConsoleFixture.PASSWORD, "confirm", ConsoleFixture.PASSWORD));
            assertEquals(303, set.statusCode(), set.body());
            String stored = Files.readString(dir.resolve("console-password"));
            assertTrue(stored.startsWith("pbkdf2-sha256:" + PasswordFile.MIN_ITERATIONS + ":"), stored);
            assertFalse(stored.contains(ConsoleFixture.PASSWORD));
            assertEquals(Optional.empty(), c.server.setupUrl());
            assertRedirectsToLogin(c.get(path), "the setup URL works once");
            c.loggedIn();
            assertEquals(200, c.get("/").statusCode());
        }
    }
}
