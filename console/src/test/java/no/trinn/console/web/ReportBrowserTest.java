package no.trinn.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The progress page and the session report in real headless Chromium: the charts render with no
 * Content-Security-Policy complaint in the browser's console, and a session's report prints on one A4 page without
 * the page header and controls. Skips where Chromium or chromedriver is not installed.
 */
class ReportBrowserTest {
    @TempDir
    Path dir;

    @Test
    void chartsRenderUnderTheCspAndAReportPrintsOnOneA4Page() throws Exception {
        Assumptions.assumeTrue(Chromium.installed(), Chromium.WHY_NOT);
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            for (DemoSessions.Spec s : DemoSessions.sixSessions("river-17", Instant.parse("2026-01-05T09:00:00Z"))) {
                DemoSessions.write(c.store, "river-17", s);
            }
            ChromeDriver driver = Chromium.start(dir.resolve("chromium-profile"), "--window-size=1280,900");
            try {
                Chromium.logIn(driver, c.base(), ConsoleFixture.PASSWORD);
                Chromium.consoleMessages(driver);
                driver.get(c.base() + "/progress?alias=river-17");
                Chromium.until("the charts", () -> driver.findElements(By.cssSelector("svg.chart")).size() == 4);
                assertTrue(driver.findElement(By.id("chart-levels")).getSize().getWidth() > 600,
                        "the chart is drawn at a readable size");
                assertEquals(12, driver.findElements(By.cssSelector("#chart-goal circle title")).size(),
                        "a marker per session for goal score and goal met");
                driver.get(c.base() + "/report?id=river-17-3");
                Chromium.until("the report", () -> !driver.findElements(By.id("goal")).isEmpty());
                List<String> messages = Chromium.consoleMessages(driver);
                assertTrue(messages.stream().noneMatch(m -> m.contains("Content Security Policy")), messages::toString);
                assertEquals(1, Chromium.printedPages(driver), "one A4 page");
                driver.findElement(By.id("include-transcript")).click();
                driver.findElement(By.cssSelector(".report-tools button")).click();
                Chromium.until("the transcript", () -> driver.getCurrentUrl().contains("transcript=1"));
                assertTrue(driver.getPageSource().contains("And you, how are you?"));
            } finally {
                driver.quit();
            }
        }
    }
}
