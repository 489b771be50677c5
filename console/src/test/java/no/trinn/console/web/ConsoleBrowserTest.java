package no.trinn.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
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
 * One end-to-end run in real headless Chromium, driven through Selenium and the system's chromedriver: log in, open
 * a client, move a temperament slider with the keyboard, save, and find the value in the store. Skips, saying why,
 * where Chromium or chromedriver is not installed ({@code apt-get install chromium chromium-driver}).
 */
class ConsoleBrowserTest {
    @TempDir
    Path dir;

    private static Path executable(String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static void until(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 20 s for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aTherapistMovesATemperamentSliderAndTheValueIsStored() throws Exception {
        Path chromium = executable("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        Path driverBinary = executable("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        Assumptions.assumeTrue(chromium != null && driverBinary != null, "Chromium or chromedriver is not installed"
                + " (Debian: apt-get install chromium chromium-driver); the browser test needs both");
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(driverBinary.toString())).usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-extensions", "--no-first-run",
                    "--user-data-dir=" + dir.resolve("chromium-profile"));
            ChromeDriver driver = new ChromeDriver(service, options);
            try {
                driver.get(c.base() + "/");
                until("the login page", () -> driver.getCurrentUrl().contains("/login"));
                driver.findElement(By.id("password")).sendKeys(ConsoleFixture.PASSWORD);
                driver.findElement(By.id("login")).click();
                until("the clients list", () -> !driver.findElements(By.linkText("p-1")).isEmpty());
                driver.findElement(By.linkText("p-1")).click();
                until("the client page", () -> driver.getCurrentUrl().contains("/client?alias=p-1"));

                driver.findElement(By.cssSelector("#scenario-supermarket-checkout > summary")).click();
                String id = "t_supermarket-checkout_cashier_patience";
                WebElement slider = driver.findElement(By.id(id));
                until("the slider to show", slider::isDisplayed);
                WebElement box = driver.findElement(By.id(id + "_set"));
                assertFalse(box.isSelected());
                double before = Double.parseDouble(slider.getDomProperty("value"));
                slider.click();
                slider.sendKeys(Keys.HOME);
                for (int i = 0; i < 6; i++) {
                    slider.sendKeys(Keys.ARROW_RIGHT);
                }
                assertEquals("0.3", slider.getDomProperty("value"), "six steps of 0.05 from 0 (was " + before + ")");
                assertTrue(box.isSelected(), "moving the slider ticks its box (console.js)");
                assertEquals("0.30", driver.findElement(By.cssSelector("output[for='" + id + "']")).getText());

                driver.findElement(By.id("save")).click();
                until("the saved page", () -> driver.getCurrentUrl().contains("saved=1"));
                assertEquals(Map.of("supermarket-checkout/cashier", Map.of("patience", 0.3)),
                        c.store.settings("p-1").temperament());
                assertTrue(driver.findElement(By.id(id + "_set")).isSelected(), "the page shows the stored value");
            } finally {
                driver.quit();
            }
        }
    }
}
