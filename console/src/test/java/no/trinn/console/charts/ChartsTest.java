package no.trinn.console.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ChartsTest {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final ChartAxis DIFFICULTY = new ChartAxis("Difficulty", "0 = easiest, 1 = hardest", 0, 1);
    private static final ChartAxis SUCCESS = new ChartAxis("Turns that succeed", "share", 0, 1);

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document d, String name) {
        NodeList nodes = d.getElementsByTagNameNS(SVG_NS, name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static Element series(Document d, String tag, String name) {
        return elements(d, tag).stream().filter(e -> e.getAttribute("class").equals("series")
                && e.getAttribute("data-series").equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                        "no series " + name));
    }

    private static List<String> texts(Document d, String cls) {
        return elements(d, "text").stream().filter(e -> e.getAttribute("class").equals(cls))
                .map(Element::getTextContent).toList();
    }

    @Test
    void aLineChartPutsEachSeriesPointWhereTheAxesSay() throws Exception {
        ChartSeries a = new ChartSeries("Client A", List.of(new ChartPoint(0, 0.2), new ChartPoint(0.5, 0.75),
                new ChartPoint(1, 0.9)));
        ChartSeries b = new ChartSeries("Client B", List.of(new ChartPoint(0.1, 0.1), new ChartPoint(0.3, 0.4)));
        LineChart chart = new LineChart("Success by difficulty", DIFFICULTY, SUCCESS, List.of(a, b),
                Optional.of(new ChartBand(0.70, 0.85, "target band 70-85%")));
        Document d = parse(chart.svg());
        PlotArea area = PlotArea.STANDARD;
        for (ChartSeries s : List.of(a, b)) {
            String[] points = series(d, "polyline", s.name()).getAttribute("points").split(" ");
            assertEquals(s.points().size(), points.length);
            for (int i = 0; i < points.length; i++) {
                String[] xy = points[i].split(",");
                assertEquals(area.x(DIFFICULTY, s.points().get(i).x()), Double.parseDouble(xy[0]), 0.01);
                assertEquals(area.y(SUCCESS, s.points().get(i).y()), Double.parseDouble(xy[1]), 0.01);
            }
        }
        assertEquals(area.left(), area.x(DIFFICULTY, 0), 1e-9);
        assertEquals(area.bottom(), area.y(SUCCESS, 0), 1e-9);
        assertEquals(area.top(), area.y(SUCCESS, 1), 1e-9);
        Element band = elements(d, "rect").stream().filter(e -> e.getAttribute("class").equals("band")).findFirst()
                .orElseThrow();
        assertEquals(area.y(SUCCESS, 0.85), Double.parseDouble(band.getAttribute("y")), 0.01);
        assertEquals(area.y(SUCCESS, 0.70) - area.y(SUCCESS, 0.85), Double.parseDouble(band.getAttribute("height")),
                0.01);
        assertEquals(List.of("target band 70-85%"), texts(d, "band-label"));
        assertEquals(List.of("Client A", "Client B"), texts(d, "legend-name"));
        assertEquals(List.of("Difficulty (0 = easiest, 1 = hardest)"), texts(d, "axis-x"));
        assertEquals(List.of("Turns that succeed (share)"), texts(d, "axis-y"));
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"), texts(d, "tick-x"));
        assertEquals(List.of("Success by difficulty"), texts(d, "title"));
        assertEquals("Success by difficulty", elements(d, "title").getFirst().getTextContent());
        Element title = elements(d, "text").stream().filter(e -> e.getAttribute("class").equals("title"))
                .findFirst().orElseThrow();
        assertTrue(Integer.parseInt(title.getAttribute("font-size")) >= 24);
    }

    @Test
    void aScatterChartPlacesOneMarkerPerPointAndTheDiagonal() throws Exception {
        ChartAxis truth = new ChartAxis("True level", "difficulty scale", 0, 1);
        ChartAxis estimate = new ChartAxis("Estimated level", "difficulty scale", 0, 1);
        ChartSeries tier1 = new ChartSeries("Tier 1", List.of(new ChartPoint(0.1, 0.15), new ChartPoint(0.6, 0.55),
                new ChartPoint(0.9, 0.8)));
        ScatterChart chart = new ScatterChart("Estimate against truth", truth, estimate, List.of(tier1), true,
                "estimate = true level");
        Document d = parse(chart.svg());
        List<Element> circles = new ArrayList<>();
        NodeList nodes = series(d, "g", "Tier 1").getElementsByTagNameNS(SVG_NS, "circle");
        for (int i = 0; i < nodes.getLength(); i++) {
            circles.add((Element) nodes.item(i));
        }
        assertEquals(3, circles.size());
        for (int i = 0; i < 3; i++) {
            ChartPoint p = tier1.points().get(i);
            assertEquals(PlotArea.STANDARD.x(truth, p.x()), Double.parseDouble(circles.get(i).getAttribute("cx")),
                    0.01);
            assertEquals(PlotArea.STANDARD.y(estimate, p.y()), Double.parseDouble(circles.get(i).getAttribute("cy")),
                    0.01);
        }
        Element diagonal = elements(d, "line").stream().filter(e -> e.getAttribute("class").equals("diagonal"))
                .findFirst().orElseThrow();
        assertEquals(PlotArea.STANDARD.left(), Double.parseDouble(diagonal.getAttribute("x1")), 0.01);
        assertEquals(PlotArea.STANDARD.top(), Double.parseDouble(diagonal.getAttribute("y2")), 0.01);
    }

    @Test
    void textIsEscapedSoTheDocumentStaysValidXml() throws Exception {
        String nasty = "Tom & \"Jerry\" <b>'s</b> \u0001 \uD800 æøå 🙂";
        ChartAxis x = new ChartAxis("Time <s>", "ms & more", 0, 5000);
        LineChart chart = new LineChart(nasty, x, SUCCESS, List.of(new ChartSeries(nasty, List.of(
                new ChartPoint(100, 0.5)))), Optional.of(new ChartBand(0.7, 0.85, nasty)));
        Document d = parse(chart.svg());
        String expected = "Tom & \"Jerry\" <b>'s</b> \uFFFD \uFFFD æøå 🙂";
        assertEquals(expected, elements(d, "title").getFirst().getTextContent());
        assertEquals(List.of(expected), texts(d, "legend-name"));
        assertEquals(expected, series(d, "polyline", expected).getAttribute("data-series"));
        assertEquals(List.of("Time <s> (ms & more)"), texts(d, "axis-x"));
        ScatterChart scatter = new ScatterChart(nasty, x, SUCCESS, List.of(new ChartSeries(nasty, List.of())), true,
                nasty);
        parse(scatter.svg());
    }

    @Test
    void ticksAreRoundAndCoverTheRange() {
        assertEquals(List.of(0.0, 1000.0, 2000.0, 3000.0, 4000.0, 5000.0),
                new ChartAxis("t", "ms", 0, 5000).ticks());
        ChartAxis odd = new ChartAxis("t", "", 0.05, 0.95);
        List<Double> ticks = odd.ticks();
        assertEquals(0.2, ticks.getFirst(), 1e-9);
        assertEquals(0.8, ticks.getLast(), 1e-9);
        assertEquals("0.2", odd.tickLabel(0.2));
        assertEquals("t", odd.label());
        assertEquals("-0.5", new ChartAxis("t", "", -1, 1).tickLabel(-0.5));
        assertEquals("0.0", new ChartAxis("t", "", -1, 1).tickLabel(-1e-17));
        assertThrows(IllegalArgumentException.class, () -> new ChartAxis("t", "", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ChartPoint(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new ChartBand(0.8, 0.7, "x"));
    }

    @Test
    void csvQuotesOnlyWhatItMust() {
        assertEquals("plain", Csv.field("plain"));
        assertEquals("\"a,b\"", Csv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
        assertEquals("\" padded \"", Csv.field(" padded "));
        assertEquals("", Csv.field(""));
        assertEquals("a,\"b,c\",\r\n", Csv.row(List.of("a", "b,c", "")));
        assertEquals("client,level\r\nsim-001,0.25\r\n", Csv.table(List.of("client", "level"),
                List.of(List.of("sim-001", Csv.number(0.25)))));
        assertThrows(IllegalArgumentException.class, () -> Csv.table(List.of("a", "b"), List.of(List.of("x"))));
        assertEquals("0.1", Csv.number(0.1));
        assertEquals("3", Csv.number(3.0));
        assertEquals("0", Csv.number(-0.0));
        assertEquals("0.0000001", Csv.number(1e-7));
    }

    @Test
    void aFixedStepGivesTicksAtEverySession() {
        ChartAxis sessions = new ChartAxis("Session", "number", 0.5, 3.5, 1);
        assertEquals(List.of(1.0, 2.0, 3.0), sessions.ticks());
        assertEquals("2", sessions.tickLabel(2));
        assertThrows(IllegalArgumentException.class, () -> new ChartAxis("t", "", 0, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new ChartAxis("t", "", 0, 1000, 0.001));
        assertThrows(IllegalArgumentException.class, () -> new ChartPoint(0, 0, -0.1));
    }

    @Test
    void pointsWithAnErrorGetAnErrorBarFromMinusToPlusTheError() throws Exception {
        ChartSeries level = new ChartSeries("Tier 1", List.of(new ChartPoint(0, 0.5, 0.1), new ChartPoint(1, 0.6),
                new ChartPoint(0.5, 0.4, 0.2)));
        Document d = parse(new LineChart("Level", DIFFICULTY, SUCCESS, List.of(level), Optional.empty()).svg());
        List<Element> bars = elements(d, "path").stream().filter(e -> e.getAttribute("class").equals("error-bar"))
                .toList();
        assertEquals(2, bars.size(), "none for the point without an error");
        PlotArea a = PlotArea.STANDARD;
        String expected = "M" + Svg.n(a.x(DIFFICULTY, 0)) + " " + Svg.n(a.y(SUCCESS, 0.4)) + "V"
                + Svg.n(a.y(SUCCESS, 0.6));
        assertTrue(bars.getFirst().getAttribute("d").startsWith(expected), bars.getFirst().getAttribute("d"));
        assertTrue(elements(d, "title").stream()
                .anyMatch(t -> t.getTextContent().equals("Tier 1: 0.0, 0.5 \u00b1 0.1")));
    }

    @Test
    void anEmbeddedChartHasNoXmlDeclarationNoStyleAndIdsOfItsOwn() throws Exception {
        LineChart line = new LineChart("One", DIFFICULTY, SUCCESS, List.of(new ChartSeries("a", List.of(
                new ChartPoint(0.2, 0.3)))), Optional.empty());
        String element = line.svgElement("chart-one");
        assertTrue(element.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" class=\"chart\""
                + " id=\"chart-one\""), element);
        assertFalse(element.contains("style="), "presentation attributes only: the console's CSP forbids inline"
                + " styles");
        assertFalse(element.contains("<script"));
        Document d = parse(element);
        assertEquals("chart-one-chart-title", d.getDocumentElement().getAttribute("aria-labelledby"));
        assertEquals("chart-one-plot", elements(d, "clipPath").getFirst().getAttribute("id"));
        assertEquals("url(#chart-one-plot)", elements(d, "g").stream().filter(g -> g.getAttribute("class")
                .equals("data")).findFirst().orElseThrow().getAttribute("clip-path"));
        ScatterChart scatter = new ScatterChart("Two", DIFFICULTY, SUCCESS, List.of(), false, "");
        assertTrue(parse(scatter.svgElement("chart-two")).getDocumentElement().getAttribute("id").equals("chart-two"));
        assertTrue(line.svg().startsWith("<?xml"), "the standalone document keeps its declaration");
        assertThrows(IllegalArgumentException.class, () -> line.svgElement("1bad"));
        assertThrows(IllegalArgumentException.class, () -> line.svgElement("a\"b"));
    }
}
