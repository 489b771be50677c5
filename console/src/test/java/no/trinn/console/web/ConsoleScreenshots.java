package no.trinn.console.web;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.core.Clock;
import no.trinn.core.session.Decision;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.TurnRecord;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.store.SessionStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Takes the README's screenshots of the console (docs/console-*.png) in real headless Chromium, against a console
 * serving a temporary store with a few realistic sessions written through the store's event API
 * ({@link DemoSessions}). Runs only when asked, from the repository root:
 * {@code ./mvnw -o -pl console test -Dtest=ConsoleScreenshots -Dtrinn.screenshots=$PWD/docs}.
 */
class ConsoleScreenshots {
    private static final int WIDTH = 1280;
    /** The tallest a screenshot may be; longer pages are cut there (the client page's settings form is long). */
    private static final int MAX_HEIGHT = 2600;
    private static final Instant FIRST = Instant.parse("2026-01-05T09:30:00Z");

    @TempDir
    Path dir;

    @Test
    void takeTheReadmeScreenshots() throws Exception {
        String folder = System.getProperty("trinn.screenshots", "");
        Assumptions.assumeFalse(folder.isBlank(), "set -Dtrinn.screenshots=FOLDER to take the README's screenshots");
        Assumptions.assumeTrue(Chromium.installed(), Chromium.WHY_NOT);
        Path out = Files.createDirectories(Path.of(folder));
        ConsoleOptions options = new ConsoleOptions("127.0.0.1", 0, dir.resolve("console-password"),
                PasswordFile.MIN_ITERATIONS, Duration.ofMinutes(30), Duration.ofHours(10), 5);
        new PasswordFile(options.passwordFile(), PasswordFile.MIN_ITERATIONS).set(ConsoleFixture.PASSWORD
                .toCharArray());
        try (SessionStore store = SessionStore.open(dir.resolve("trinn.db"))) {
            for (DemoSessions.Spec s : DemoSessions.sixSessions("river-17", FIRST)) {
                DemoSessions.write(store, "river-17", s);
            }
            List<DemoSessions.Spec> lark = DemoSessions.sixSessions("lark-04", FIRST.plus(Duration.ofDays(9)));
            DemoSessions.write(store, "lark-04", lark.get(0));
            DemoSessions.write(store, "lark-04", lark.get(1));
            store.onEvent(new SessionEvent.Started("moss-22-1", FIRST.plus(Duration.ofDays(24)), "moss-22",
                    "ask-directions", "en", 0.1));
            store.onEvent(new SessionEvent.Ended("moss-22-1", FIRST.plus(Duration.ofDays(24)).plusSeconds(40),
                    "quit", new no.trinn.core.session.SessionSummary(List.of(), List.of("asked", "repeated",
                            "thanked"), false, List.of("You came and tried."), "Ask the first question.",
                            "Walk past the library once.", 0)));
            inProgress(store, "lark-04", "lark-04-3", Instant.now().minusSeconds(95));
            try (ConsoleServer server = ConsoleServer.start(options, store, ScenarioLibrary.shipped(),
                    Clock.system(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))) {
                String base = "http://127.0.0.1:" + server.port();
                ChromeDriver driver = Chromium.start(dir.resolve("chromium-profile"),
                        "--window-size=" + WIDTH + ",900", "--hide-scrollbars", "--force-device-scale-factor=1");
                try {
                    Chromium.logIn(driver, base, ConsoleFixture.PASSWORD);
                    shoot(driver, base + "/", out.resolve("console-clients.png"), 0);
                    Optional<String> live = link(driver, "/live");
                    shoot(driver, base + "/client?alias=river-17", out.resolve("console-client.png"), 1500);
                    live = live.or(() -> link(driver, "/live"));
                    shoot(driver, base + "/progress?alias=river-17", out.resolve("console-progress.png"), 0);
                    shoot(driver, base + "/report?id=river-17-3", out.resolve("console-report.png"), 0);
                    if (live.isPresent()) {
                        shoot(driver, base + live.get(), out.resolve("console-live.png"), 0);
                    }
                } finally {
                    driver.quit();
                }
            }
        }
    }

    /** A session still being recorded (no end), for the live view: the opening, two turns and a decision. */
    private static void inProgress(SessionStore store, String alias, String id, Instant t) {
        store.onEvent(new SessionEvent.Started(id, t, alias, "greet-neighbour", "en", 0.2));
        store.onEvent(new SessionEvent.ConfidenceRated(id, t.plusSeconds(4), true, 3));
        store.onEvent(new SessionEvent.Opened(id, t.plusSeconds(8), "start", "Oh, hello there!"));
        store.onEvent(new SessionEvent.TurnCompleted(id, t.plusSeconds(20), new TurnRecord(0, "Hi. Hello.",
                "Hi! How are you today?", "greet", "how_are_you", Optional.of("greeted"), 0.9, 2800, 2,
                List.of("greeted"), false, false, 2_000_000, Optional.empty())));
        store.onEvent(new SessionEvent.Decided(id, t.plusSeconds(21), new Decision(Decision.Scope.WITHIN_SESSION, 0,
                Map.of("difficulty", 0.2), Map.of("difficulty", 0.22), Map.of("success", 0.9),
                "The client answered with ease; a little more challenge", Optional.empty())));
        store.onEvent(new SessionEvent.TurnCompleted(id, t.plusSeconds(40), new TurnRecord(1,
                "I'm fine. Going to the shop.", "Oh, nice. Anything special?", "how_are_you", "ask_back",
                Optional.of("answered"), 0.85, 3400, 5, List.of("answered"), false, false, 2_000_000,
                Optional.empty())));
    }

    /** The first link on the page whose address starts with {@code prefix}, if the console has such a page. */
    private static Optional<String> link(ChromeDriver driver, String prefix) {
        return driver.findElements(By.cssSelector("a[href^='" + prefix + "']")).stream().findFirst()
                .map(a -> a.getDomAttribute("href"));
    }

    /** Opens {@code url} and saves a screenshot of its top {@code height} pixels (0: the whole page, up to a cap). */
    private static void shoot(ChromeDriver driver, String url, Path file, int height) throws Exception {
        driver.manage().window().setSize(new Dimension(WIDTH, 900));
        driver.get(url);
        Chromium.until(url, () -> "complete".equals(driver.executeScript("return document.readyState")));
        long page = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
        int h = (int) Math.min(height > 0 ? height : page, MAX_HEIGHT);
        driver.manage().window().setSize(new Dimension(WIDTH, h));
        Thread.sleep(300);
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        System.out.println("screenshot " + file + ": " + Files.size(file) / 1024 + " KB");
    }
}
