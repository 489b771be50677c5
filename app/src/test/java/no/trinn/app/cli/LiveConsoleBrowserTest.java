package no.trinn.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import no.trinn.app.practice.SessionDriver;
import no.trinn.console.web.ConsoleOptions;
import no.trinn.console.web.ConsoleServer;
import no.trinn.console.web.PasswordFile;
import no.trinn.core.Clock;
import no.trinn.core.session.SessionEvent;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.store.SessionStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The live view end to end in real headless Chromium: {@code trinn practice coffee-order} runs on another thread
 * through {@link Cli} with a piped standard input fed line by line (as another process would run it), a console
 * serves the same store, and a therapist watches the transcript grow, moves the barista's warmth slider (the next
 * reply is the cold one) and pauses the session (the client is told, the transcript shows it). Skips where Chromium
 * or chromedriver is not installed.
 */
class LiveConsoleBrowserTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String ALIAS = "p-live";

    @TempDir
    Path home;

    private static Path executable(String... candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    private static void until(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!holds(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** The condition, or false while the page is being replaced (a form posted, the redirect loading). */
    private static boolean holds(Supplier<Boolean> condition) {
        try {
            return condition.get();
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return false;
        }
    }

    private static void type(OutputStream client, String line) throws IOException {
        client.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        client.flush();
    }

    @Test
    void aTherapistWatchesASessionFromTheTerminalChangesTheTemperamentAndPausesIt() throws Exception {
        Path chromium = executable("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        Path driverBinary = executable("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        Assumptions.assumeTrue(chromium != null && driverBinary != null, "Chromium or chromedriver is not installed"
                + " (Debian: apt-get install chromium chromium-driver); the browser test needs both");
        ConsoleOptions options = new ConsoleOptions("127.0.0.1", 0, home.resolve("console-password"),
                PasswordFile.MIN_ITERATIONS, Duration.ofMinutes(30), Duration.ofHours(10), 5);
        new PasswordFile(options.passwordFile(), PasswordFile.MIN_ITERATIONS).set(PASSWORD.toCharArray());
        StringWriter consoleOut = new StringWriter();
        PipedInputStream stdin = new PipedInputStream(64 * 1024);
        PipedOutputStream client = new PipedOutputStream(stdin);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (SessionStore store = SessionStore.open(home.resolve("trinn.db"));
                ConsoleServer console = ConsoleServer.start(options, store, ScenarioLibrary.shipped(),
                        Clock.system(), new PrintWriter(consoleOut, true), new PrintWriter(consoleOut, true))) {
            Io io = new Io(stdin, new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), false);
            CompletableFuture<Integer> practice = CompletableFuture.supplyAsync(() -> Cli.run(io, "--home",
                    home.toString(), "practice", "coffee-order", "--client", ALIAS, "--difficulty", "0"));
            until("the session to start", () -> !store.activeSessions().isEmpty() || practice.isDone());
            assertTrue(!practice.isDone(), () -> "practice ended early: " + out + err);
            String sessionId = store.activeSessions().getFirst().id();

            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(driverBinary.toString())).usingAnyFreePort().build();
            ChromeOptions chrome = new ChromeOptions();
            chrome.setBinary(chromium.toFile());
            chrome.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-extensions", "--no-first-run",
                    "--user-data-dir=" + home.resolve("chromium-profile"));
            ChromeDriver browser = new ChromeDriver(service, chrome);
            try {
                String base = "http://127.0.0.1:" + console.port();
                browser.get(base + "/");
                until("the login page", () -> browser.getCurrentUrl().contains("/login"));
                browser.findElement(By.id("password")).sendKeys(PASSWORD);
                browser.findElement(By.id("login")).click();
                until("the live sessions list", () -> !browser.findElements(By.cssSelector("a.live-link")).isEmpty());
                browser.findElement(By.cssSelector("a.live-link")).click();
                until("the live page", () -> browser.getCurrentUrl().contains("/live?id="));
                Supplier<String> transcript = () -> browser.findElement(By.id("transcript")).getText();
                until("the opening line", () -> transcript.get().contains("What would you like to drink?")
                        || transcript.get().contains("What can I get for you?"));

                type(client, "Hello!");
                until("the client's first turn in the transcript", () -> transcript.get().contains("Hello!"));

                // the barista is warm as authored (0.8); the therapist makes them cold before the order
                WebElement warmth = browser.findElement(By.id("live_barista_warmth"));
                warmth.click();
                warmth.sendKeys(Keys.HOME);
                assertEquals("0", warmth.getDomProperty("value"));
                assertTrue(browser.findElement(By.id("live_barista_warmth_set")).isSelected());
                browser.findElement(By.id("live-apply")).click();
                until("the settings to be sent", () -> browser.getCurrentUrl().contains("sent=settings"));
                until("the therapist's decision in the live view", () -> browser.findElement(By.id("decisions"))
                        .getText().contains("the therapist changed the settings"));
                assertEquals(Map.of("coffee-order/barista", Map.of("warmth", 0.0)),
                        store.settings(ALIAS).temperament(), "saved as the client's settings too");
                String warmthNow = browser.findElement(By.cssSelector("#behaviour tr[data-name='warmth'] td:last-child"))
                        .getText();
                assertEquals("0.00", warmthNow, "the behaviour panel shows the latest decision");

                type(client, "A coffee, please.");
                until("the reply to the order", () -> transcript.get().contains("A coffee, please."));
                List<SessionEvent.TurnCompleted> turns = store.turns(sessionId);
                String reply = turns.getLast().turn().characterText();
                assertTrue(reply.startsWith("Good choice."), "the cold reply (warm: 'Lovely.'): " + reply);
                until("the reply in the transcript", () -> transcript.get().contains(reply));

                browser.findElement(By.id("live-pause")).click();
                until("the pause to be sent", () -> browser.getCurrentUrl().contains("sent=pause"));
                until("the pause in the transcript", () -> transcript.get().contains("Session paused (therapist)"));
                until("the client to be told", () -> out.toString().contains(SessionDriver.PAUSED_BY_THERAPIST));
                assertTrue(browser.findElement(By.id("paused-now")).getText().startsWith("yes"));

                browser.findElement(By.id("live-stop")).click();
                until("the stop to be sent", () -> browser.getCurrentUrl().contains("sent=stop"));
                until("the end in the live view", () -> browser.findElement(By.id("live-status")).getText()
                        .contains("over"));
                assertTrue(transcript.get().contains("Session ended (stopped)"), transcript.get());
            } finally {
                browser.quit();
                client.close();
            }
            assertEquals(0, practice.get(30, TimeUnit.SECONDS), () -> out + "\n" + err);
            assertTrue(out.toString().contains(SessionDriver.STOPPED_BY_THERAPIST), out::toString);
            assertTrue(out.toString().contains("Feedback"), out::toString);
            assertEquals("stopped", store.session(sessionId).orElseThrow().ended().orElseThrow().reason());
        }
    }
}
