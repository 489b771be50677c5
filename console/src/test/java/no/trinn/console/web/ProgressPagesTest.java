package no.trinn.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import no.trinn.core.session.SafetyEvent;
import no.trinn.core.session.SessionEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ProgressPagesTest {
    private static final String NASTY = "<b>bold</b> & \"quoted\" <script>x()</script>";
    private static final Instant DAY1 = Instant.parse("2026-01-05T09:00:00Z");

    @TempDir
    Path dir;

    private static DemoSessions.Spec spec(String id, Instant start, double startDifficulty, List<Double> difficulty,
            double goalScore, List<DemoSessions.Level> levels, int before, int after, List<String> missed,
            Optional<SafetyEvent.Kind> safety) {
        List<DemoSessions.Turn> turns = List.of(new DemoSessions.Turn("No thanks.", "Card or cash?", 2000, "bag"),
                new DemoSessions.Turn("Card.", "Receipt?", 3000, "paid"),
                new DemoSessions.Turn("My secret words", "Have a nice day!", 4000, missed.isEmpty() ? "receipt" : ""));
        List<String> met = missed.isEmpty() ? List.of("bag", "paid", "receipt") : List.of("bag", "paid");
        return new DemoSessions.Spec(id, "supermarket-checkout", start, "Hello! Do you need a bag?", turns,
                startDifficulty, difficulty, goalScore, 0.8, levels, before, after, met, missed,
                List.of("You answered every question.", NASTY), "Say the amount back", "Buy one thing in a shop",
                Optional.empty(), Optional.empty(), safety);
    }

    /** Client p-3: three recorded, assessed sessions. */
    private static void threeSessions(ConsoleFixture c) {
        DemoSessions.write(c.store, "p-3", spec("p3-a", DAY1, 0.2, List.of(0.2, 0.15, 0.15), 0.6,
                List.of(new DemoSessions.Level("tier1", 0.3, 0.2)), 2, 3, List.of("receipt"),
                Optional.of(SafetyEvent.Kind.DISTRESS)));
        DemoSessions.write(c.store, "p-3", spec("p3-b", DAY1.plusSeconds(86_400), 0.15, List.of(0.2, 0.25, 0.25),
                1.0, List.of(new DemoSessions.Level("tier1", 0.45, 0.15), new DemoSessions.Level("tier2", 0.2, 0.3)),
                3, 4, List.of(), Optional.empty()));
        DemoSessions.write(c.store, "p-3", spec("p3-c", DAY1.plusSeconds(2 * 86_400), 0.25, List.of(0.3, 0.3, 0.35),
                1.0, List.of(new DemoSessions.Level("tier1", 0.55, 0.1), new DemoSessions.Level("tier2", 0.3, 0.2)),
                4, 5, List.of(), Optional.empty()));
    }

    /** The {@code <svg class="chart" id="ID">} element in {@code html}, parsed as XML. */
    private static Document chart(String html, String id) throws Exception {
        Matcher m = Pattern.compile("<svg [^>]*id=\"" + id + "\".*?</svg>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "no chart " + id);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document d, String tag) {
        NodeList nodes = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /** The points of the line of series {@code name}. */
    private static List<double[]> points(Document d, String name) {
        Element line = elements(d, "polyline").stream().filter(e -> e.getAttribute("data-series").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + name));
        List<double[]> out = new ArrayList<>();
        for (String p : line.getAttribute("points").split(" ")) {
            String[] xy = p.split(",");
            out.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return out;
    }

    /** The markers of the unjoined series {@code name}. */
    private static List<double[]> markers(Document d, String name) {
        Element group = elements(d, "g").stream().filter(e -> e.getAttribute("class").equals("series")
                && e.getAttribute("data-series").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no series " + name));
        NodeList circles = group.getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle");
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < circles.getLength(); i++) {
            Element c = (Element) circles.item(i);
            out.add(new double[] {Double.parseDouble(c.getAttribute("cx")), Double.parseDouble(c.getAttribute("cy"))});
        }
        return out;
    }

    @Test
    void progressAndReportNeedALogin() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            for (String path : List.of("/progress?alias=p-1", "/report?id=s-1", "/report?id=s-1&transcript=1")) {
                HttpResponse<String> r = c.get(path);
                assertEquals(303, r.statusCode(), path);
                assertEquals(Optional.of("/login"), r.headers().firstValue("Location"), path);
                assertFalse(r.body().contains("Hei"), path);
            }
        }
    }

    @Test
    void theProgressPageChartsEverySessionOfTheClient() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            threeSessions(c);
            c.loggedIn();
            assertTrue(c.get("/client?alias=p-3").body().contains("href=\"/progress?alias=p-3\""),
                    "the client page links to its progress");
            HttpResponse<String> r = c.get("/progress?alias=p-3");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(Optional.of(ConsoleServer.CSP), r.headers().firstValue("Content-Security-Policy"));
            String html = r.body();
            assertFalse(html.contains("style="), "no inline style: the CSP forbids it");
            assertFalse(html.contains("<script>"), "no inline script");
            assertFalse(html.contains("<?xml"), "charts are embedded as elements, not documents");

            Document goal = chart(html, "chart-goal");
            assertEquals(3, points(goal, "Goal score").size());
            List<double[]> met = markers(goal, "Goal met (1 = yes)");
            assertEquals(3, met.size(), "a yes/no mark per session, not joined by a line");
            assertTrue(met.get(0)[1] > met.get(1)[1], "session 1 missed its goal (0), session 2 met it (1)");
            assertEquals(met.get(1)[1], met.get(2)[1], 0.01);

            Document levels = chart(html, "chart-levels");
            List<double[]> tier1 = points(levels, "Tier 1");
            assertEquals(3, tier1.size());
            assertEquals(2, points(levels, "Tier 2").size(), "tier 2 from session 2 on");
            assertTrue(tier1.get(0)[1] > tier1.get(1)[1] && tier1.get(1)[1] > tier1.get(2)[1],
                    "the level rises (smaller y is higher up)");
            assertEquals(5, elements(levels, "path").stream()
                    .filter(e -> e.getAttribute("class").equals("error-bar")).count(), "one error bar per estimate");

            Document answer = chart(html, "chart-answer");
            List<double[]> times = points(answer, "Mean time to answer");
            assertEquals(3, times.size());
            Document confidence = chart(html, "chart-confidence");
            assertEquals(3, points(confidence, "Before the session").size());
            assertEquals(3, points(confidence, "After the session").size());
            assertTrue(elements(confidence, "text").stream().anyMatch(e -> e.getTextContent()
                    .equals("Confidence (1-5)")), "axis title with its unit");
            assertTrue(html.contains("from 1 (not at all) to 5"), "the caption explains the scale");

            for (String id : List.of("p3-a", "p3-b", "p3-c")) {
                assertTrue(html.contains("href=\"/report?id=" + id + "\""), "a report link per session");
            }
            assertEquals(1, html.split("id=\"chart-goal-plot\"", -1).length - 1, "ids are unique on the page");
            assertTrue(html.contains("clip-path=\"url(#chart-levels-plot)\""), "each chart clips to its own area");
        }
    }

    @Test
    void aClientWithoutAssessedSessionsGetsEmptyStates() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            c.store.onEvent(new SessionEvent.Started("new-1", DAY1, "newcomer", "supermarket-checkout", "en", 0.1));
            c.loggedIn();
            String html = c.get("/progress?alias=newcomer").body();
            assertTrue(html.contains("No sessions assessed yet."), html);
            assertTrue(html.contains("No confidence ratings given yet."), html);
            assertFalse(html.contains("<svg"), "no chart without data");
            assertEquals(404, c.get("/progress?alias=nobody").statusCode());
            assertEquals(404, c.get("/progress?alias=%3Cscript%3E").statusCode());
            assertEquals(404, c.get("/report?id=nope").statusCode());
        }
    }

    @Test
    void theReportShowsTheSessionsFiguresAndLeavesTheTranscriptOutUnlessAsked() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            threeSessions(c);
            c.loggedIn();
            assertTrue(c.get("/session?id=p3-b").body().contains("href=\"/report?id=p3-b\""),
                    "the session page links to its report");
            HttpResponse<String> r = c.get("/report?id=p3-b");
            assertEquals(200, r.statusCode(), r.body());
            String html = r.body();
            assertTrue(html.contains("At the supermarket checkout"), "the scenario's title");
            assertTrue(html.contains("2026-01-06 09:00 UTC"), "the date");
            assertTrue(html.contains("Goal met: 3 of 3 steps reached."), html);
            assertTrue(html.contains("Reached: Answers whether they want the receipt."), "steps in the author's words");
            assertTrue(html.contains("<dt>Confidence before</dt><dd>3 of 5</dd>"), html);
            assertTrue(html.contains("<dt>Confidence after</dt><dd>4 of 5</dd>"), html);
            assertTrue(html.contains("<dt>Goal score</dt><dd>1.00</dd>"), html);
            assertTrue(html.contains("<dt>Mean time to answer</dt><dd>3.0 s</dd>"), html);
            assertTrue(html.contains("<dt>One thing to practise</dt><dd>Say the amount back</dd>"), html);
            assertTrue(html.contains("<dt>Real-world task</dt><dd>Buy one thing in a shop</dd>"), html);
            assertTrue(html.contains("<td>Tier 1: attention, understanding</td><td>0.45</td><td>0.15</td>"), html);
            assertTrue(html.contains("3 decisions during the session (2 changed the character, 1 held)."
                    + " Difficulty went from 0.15 to 0.25."), html);
            assertTrue(html.contains("After the session: Goal met"), "the between-session decision");
            assertTrue(html.contains("No safety events."), html);
            assertTrue(html.contains("@media print") || c.get("/static/console.css").body().contains("@media print"),
                    "a print style sheet");
            assertTrue(html.contains(Html.esc(NASTY)), "feedback escaped");
            assertFalse(html.contains(NASTY), "never raw");
            assertFalse(html.contains("My secret words"), "no transcript unless asked");
            assertTrue(html.contains("name=\"transcript\" value=\"1\" id=\"include-transcript\">"), "unticked");

            String withTranscript = c.get("/report?id=p3-b&transcript=1").body();
            assertTrue(withTranscript.contains("My secret words"));
            assertTrue(withTranscript.contains("value=\"1\" checked"));

            String first = c.get("/report?id=p3-a").body();
            assertTrue(first.contains("Goal not met: 2 of 3 steps reached."), first);
            assertTrue(first.contains("Not yet: Answers whether they want the receipt."), first);
            assertTrue(first.contains("distress, severity 1 of 3"), first);
            assertTrue(first.contains("Pauses: 1."), first);

            String escaped = c.get("/report?id=s-1&transcript=1").body();
            assertTrue(escaped.contains("Hei &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;hallo&quot;"));
            assertFalse(escaped.contains("<script>alert(1)"));
            assertFalse(c.get("/report?id=s-1").body().contains("Hei "), "the transcript stays out by default");
        }
    }

    @Test
    void thePrintStyleSheetHidesTheControlsAndSetsA4() throws Exception {
        try (ConsoleFixture c = new ConsoleFixture(dir, true)) {
            String css = c.get("/static/console.css").body();
            int print = css.indexOf("@media print");
            assertTrue(print >= 0);
            assertTrue(css.indexOf("size: A4", print) > print);
            assertTrue(css.indexOf(".no-print", print) > print);
        }
    }
}
