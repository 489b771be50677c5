package no.trinn.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * One end-to-end run in real headless Chromium, driven through Selenium and the system's chromedriver: log in, open
 * a client, move a temperament slider with the keyboard, save, and find the value in the store. Skips, saying why,
 * where Chromium or chromedriver is not installed ({@code apt-get install chromium chromium-driver}).
 */
class ConsoleBrowserTest {
    @TempDir
    Path dir;

    @Test
    void aTherapistMovesATemperamentSliderAndTheValueIsStored() throws Exception {
        Assumptions.assumeTrue(Chromium.installed(), Chromium.WHY_NOT);
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            ChromeDriver driver = Chromium.start(dir.resolve("chromium-profile"));
            try {
                driver.get(c.base() + "/");
                Chromium.until("the login page", () -> driver.getCurrentUrl().contains("/login"));
                driver.findElement(By.id("password")).sendKeys(ConsoleFixture.PASSWORD);
                driver.findElement(By.id("login")).click();
                Chromium.until("the clients list", () -> !driver.findElements(By.linkText("p-1")).isEmpty());
                driver.findElement(By.linkText("p-1")).click();
                Chromium.until("the client page", () -> driver.getCurrentUrl().contains("/client?alias=p-1"));

                driver.findElement(By.cssSelector("#scenario-supermarket-checkout > summary")).click();
                String id = "t_supermarket-checkout_cashier_patience";
                WebElement slider = driver.findElement(By.id(id));
                Chromium.until("the slider to show", slider::isDisplayed);
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
                Chromium.until("the saved page", () -> driver.getCurrentUrl().contains("saved=1"));
                assertEquals(Map.of("supermarket-checkout/cashier", Map.of("patience", 0.3)),
                        c.store.settings("p-1").temperament());
                assertTrue(driver.findElement(By.id(id + "_set")).isSelected(), "the page shows the stored value");
            } finally {
                driver.quit();
            }
        }
    }
}
