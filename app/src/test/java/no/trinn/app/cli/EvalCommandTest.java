package no.trinn.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import no.trinn.app.eval.EvalFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code trinn eval} end to end on a small seeded batch (12 clients, 6 sessions; the real embedding model, scripted
 * engine and safety check): the files are written and readable, and the figures hold bounds that fail when the coach
 * does not find the clients' levels. Timings are printed, never asserted.
 */
class EvalCommandTest {
    @TempDir
    Path home;

    @Test
    void aSmallSeededBatchWritesReadableTablesAndChartsAndFindsTheHiddenLevels() throws Exception {
        Path out = home.resolve("eval-out");
        CliRun.Result r = CliRun.run(home, "eval", "--clients", "12", "--sessions", "6", "--seed", "42", "--out",
                out.toString());
        assertEquals(0, r.code(), r::toString);
        System.out.println(r.out());
        for (String figure : new String[] {"simulated sessions per minute", "Convergence", "Time in band",
            "Oscillation", "Progression", "Largest error after the last session", "Least time in band", "sim-0"}) {
            assertTrue(r.out().contains(figure), () -> figure + " missing:\n" + r);
        }
        assertTrue(r.err().contains("72/72 sessions (100%)"), r::toString);
        long progressLines = r.err().lines().filter(l -> l.contains(" sessions (")).count();
        assertTrue(progressLines >= 10 && progressLines <= 11, r::toString);

        List<Map<String, String>> sessions = csv(out.resolve(EvalFiles.SESSIONS), EvalFiles.SESSION_COLUMNS);
        assertEquals(72, sessions.size());
        List<Map<String, String>> clients = csv(out.resolve(EvalFiles.CLIENTS), EvalFiles.CLIENT_COLUMNS);
        assertEquals(12, clients.size());
        for (Map<String, String> s : sessions) {
            double error = Double.parseDouble(s.get("error"));
            double truth = Double.parseDouble(s.get("true_level"));
            double estimate = Double.parseDouble(s.get("estimate_mean"));
            assertEquals(Math.abs(estimate - truth), error, 2e-4, s.toString());
            assertTrue(Integer.parseInt(s.get("turns")) >= 1, s.toString());
            assertEquals(s.get("true_level"), s.get("true_level_tier" + s.get("tier")), s.toString());
        }
        // measured with seed 42: 11 of 12 clients within 0.15 after session 4, all 12 after sessions 5 and 6;
        // an estimate stuck at its prior would have about 4 of 12 there
        for (String k : List.of("5", "6")) {
            long within = sessions.stream().filter(s -> s.get("session").equals(k))
                    .filter(s -> Double.parseDouble(s.get("error")) <= 0.15).count();
            assertTrue(within >= 11, "after session " + k + " only " + within + " of 12 clients within 0.15");
        }

        List<Path> svgs;
        try (Stream<Path> files = Files.list(out)) {
            svgs = files.filter(p -> p.toString().endsWith(".svg")).sorted().toList();
        }
        assertEquals(6, svgs.size(), svgs.toString());
        for (String name : List.of(EvalFiles.ERROR_CHART, EvalFiles.LEVEL_CHART, EvalFiles.RUNG_CHART)) {
            assertTrue(svgs.contains(out.resolve(name)), name);
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        for (Path svg : svgs) {
            Document doc = factory.newDocumentBuilder().parse(svg.toFile());
            assertEquals("svg", doc.getDocumentElement().getLocalName(), svg.toString());
            assertTrue(doc.getElementsByTagName("polyline").getLength()
                    + doc.getElementsByTagName("circle").getLength() > 3, svg + " draws no data");
        }
    }

    @Test
    void clientsAndSessionsOutOfRangeAreBadUsageNamingTheOption() {
        CliRun.Result r = CliRun.run(home, "eval", "--clients", "0", "--out", home.resolve("x").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--clients must lie in [1, 10000], was 0"), r::toString);
        r = CliRun.run(home, "eval", "--sessions", "201", "--out", home.resolve("x").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--sessions must lie in [1, 200], was 201"), r::toString);
        r = CliRun.run(home, "eval", "--clients", "many");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--clients"), r::toString);
        assertFalse(Files.exists(home.resolve("x")), "nothing is made for bad usage");
    }

    @Test
    void anOutFolderThatCannotBeWrittenIsBadUsageBeforeAnySessionRuns() throws IOException {
        Path file = Files.writeString(home.resolve("a-file"), "x");
        CliRun.Result r = CliRun.run(home, "eval", "--clients", "1", "--sessions", "1", "--out", file.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--out " + file + ": is a file, not a folder"), r::toString);
        r = CliRun.run(home, "eval", "--clients", "1", "--sessions", "1", "--out", file.resolve("sub").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--out " + file.resolve("sub") + ": cannot write there"), r::toString);
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("trinn: ")).count(), r::toString);
        assertFalse(r.err().contains("sessions ("), "no session may run: " + r);
    }

    /** The rows of a CSV file whose header must be {@code columns}, each as column name to field. */
    private static List<Map<String, String>> csv(Path file, List<String> columns) throws IOException {
        List<List<String>> rows = parse(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(columns, rows.getFirst(), file.toString());
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            assertEquals(columns.size(), row.size(), row.toString());
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                m.put(columns.get(i), row.get(i));
            }
            out.add(m);
        }
        return out;
    }

    /** RFC 4180: CRLF row ends, double quotes around fields that need them, doubled quotes inside. */
    private static List<List<String>> parse(String text) {
        assertTrue(text.endsWith("\r\n"), "rows end in CRLF");
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
