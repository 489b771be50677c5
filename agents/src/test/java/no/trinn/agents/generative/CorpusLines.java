package no.trinn.agents.generative;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A test corpus of this package: one line each as {@code EXPECTED | text}, or for a known limitation
 * {@code IDEAL | ACTUAL | text}; {@code #} starts a comment line.
 */
final class CorpusLines {
    /**
     * One line.
     *
     * @param where file and line number
     * @param ideal what it should give
     * @param actual what it gives today (the ideal except for known limitations)
     * @param text the text
     */
    record Line(String where, String ideal, String actual, String text) {
        @Override
        public String toString() {
            return where + " [" + ideal + "] " + text;
        }
    }

    private CorpusLines() {
    }

    static List<Line> read(String resource) {
        List<Line> out = new ArrayList<>();
        try (InputStream in = CorpusLines.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + ": not found");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s*\\|\\s*", 3);
                String where = resource + ":" + n;
                if (parts.length == 2) {
                    out.add(new Line(where, parts[0].strip(), parts[0].strip(), parts[1].strip()));
                } else if (parts.length == 3 && parts[1].matches("[A-Z_]+")) {
                    out.add(new Line(where, parts[0].strip(), parts[1].strip(), parts[2].strip()));
                } else {
                    throw new IllegalStateException(where + ": expected 'KIND | text'");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
