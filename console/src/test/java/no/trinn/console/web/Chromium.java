package no.trinn.console.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's headless Chromium driven through its chromedriver, for browser tests and the README's screenshots.
 * {@link #WHY_NOT} says what to install where either is missing.
 */
final class Chromium {
    static final String WHY_NOT = "Chromium or chromedriver is not installed (Debian: apt-get install chromium"
            + " chromium-driver); the browser test needs both";

    private Chromium() {
    }

    private static Optional<Path> executable(String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Whether both Chromium and chromedriver are installed. */
    static boolean installed() {
        return browser().isPresent() && driver().isPresent();
    }

    private static Optional<Path> browser() {
        return executable("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    }

    private static Optional<Path> driver() {
        return executable("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    }

    /** A new headless browser with its profile in {@code profile}; quit it when done. */
    static ChromeDriver start(Path profile, String... extraArguments) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver().orElseThrow().toString())).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser().orElseThrow().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-extensions", "--no-first-run",
                "--user-data-dir=" + profile);
        options.addArguments(extraArguments);
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        return new ChromeDriver(service, options);
    }

    /** Logs in to the console at {@code base} with {@code password} and waits for the clients list. */
    static void logIn(ChromeDriver driver, String base, String password) throws InterruptedException {
        driver.get(base + "/login");
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
        driver.findElement(org.openqa.selenium.By.id("login")).click();
        until("the clients list", () -> driver.getCurrentUrl().equals(base + "/"));
    }

    /** The browser console's messages since the last call, e.g. Content-Security-Policy violations. */
    static java.util.List<String> consoleMessages(ChromeDriver driver) {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    /** The number of pages {@code url} prints on, on A4 paper with the page's own print style sheet. */
    static int printedPages(ChromeDriver driver) {
        java.util.Map<String, Object> pdf = driver.executeCdpCommand("Page.printToPDF", java.util.Map.of(
                "paperWidth", 8.27, "paperHeight", 11.69, "preferCSSPageSize", true));
        byte[] bytes = java.util.Base64.getDecoder().decode((String) pdf.get("data"));
        if (!System.getProperty("trinn.pdf", "").isBlank()) {
            try {
                Files.write(Path.of(System.getProperty("trinn.pdf")), bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/Type\\s*/Page[^s]")
                .matcher(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
        int pages = 0;
        while (m.find()) {
            pages++;
        }
        return pages;
    }

    /** Waits up to 20 s for {@code condition}. */
    static void until(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 20 s for " + what);
            }
            Thread.sleep(50);
        }
    }
}
