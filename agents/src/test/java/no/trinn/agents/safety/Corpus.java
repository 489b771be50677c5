package no.trinn.agents.safety;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.trinn.core.session.SafetyEvent.Kind;

/**
 * A test corpus: one utterance a line as {@code EXPECTED | utterance}, or for known limitations
 * {@code IDEAL | ACTUAL | utterance}; {@code #} starts a comment line. EXPECTED, IDEAL and ACTUAL are a
 * {@link Kind} name or {@code NONE}; EXPECTED and ACTUAL may add the severity, {@code DISTRESS/1}.
 */
final class Corpus {
    /**
     * One line: what it should give, what it gives today (the same except for known limitations), the severity
     * expected of today's finding (0: not checked), the text.
     */
    record Line(String file, int number, Optional<Kind> ideal, Optional<Kind> actual, int severity, String text) {
        @Override
        public String toString() {
            return file + ":" + number + " [" + name(ideal) + "] " + text;
        }
    }

    private Corpus() {
    }

    static List<Line> read(String resource) {
        List<Line> out = new ArrayList<>();
        try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + ": not found");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s*\\|\\s*", 3);
                if (parts.length == 2) {
                    Optional<Kind> k = kind(parts[0], resource, number);
                    out.add(new Line(resource, number, k, k, severity(parts[0]), parts[1].strip()));
                } else if (parts.length == 3) {
                    out.add(new Line(resource, number, kind(parts[0], resource, number),
                            kind(parts[1], resource, number), severity(parts[1]), parts[2].strip()));
                } else {
                    throw new IllegalStateException(resource + ":" + number + ": expected 'KIND | text'");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String name(Optional<Kind> kind) {
        return kind.map(Kind::name).orElse("NONE");
    }

    private static int severity(String s) {
        int slash = s.indexOf('/');
        return slash < 0 ? 0 : Integer.parseInt(s.substring(slash + 1).strip());
    }

    private static Optional<Kind> kind(String s, String resource, int number) {
        String k = s.strip().split("/", 2)[0];
        if (k.equals("NONE")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Kind.valueOf(k));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(resource + ":" + number + ": unknown kind '" + k + "'", e);
        }
    }
}
