package no.trinn.agents.safety;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import no.trinn.core.session.SafetyEvent.Kind;
import no.trinn.models.MiniLmEmbedder;

/**
 * Prints the figures behind the safety thresholds and the cost of a check; run by hand, not by the build:
 * model load time, example embedding time, the mean time of one check over the corpora, and for each corpus line
 * the outcome and the best example and counter-example similarity of each kind. Prints the utterances of the test
 * corpora only, never real client text.
 */
final class SafetyCheckReport {
    private SafetyCheckReport() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        MiniLmEmbedder embedder = new MiniLmEmbedder();
        embedder.awaitLoaded();
        long t1 = System.nanoTime();
        SafetyCheck check = new SafetyCheck(embedder);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "model load %d ms; SafetyCheck construction %d ms (embedding %d sentences: %d ms)%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, check.embeddedSentenceCount(),
                check.exampleEmbeddingMillis());
        boolean verbose = args.length > 0 && args[0].equals("-v");
        for (String lang : List.of("en", "nb")) {
            List<Corpus.Line> lines = new java.util.ArrayList<>(Corpus.read("corpus-" + lang + ".txt"));
            lines.addAll(Corpus.read("known-limitations-" + lang + ".txt"));
            int wrong = 0;
            for (Corpus.Line line : lines) {
                Optional<SafetyFinding> f = check.check(line.text(), lang);
                Optional<Kind> got = f.map(SafetyFinding::kind);
                boolean ok = got.equals(line.actual())
                        && (line.severity() == 0 || f.map(SafetyFinding::severity).orElse(0) == line.severity());
                if (!ok) {
                    wrong++;
                }
                if (verbose || !ok) {
                    Map<Kind, double[]> s = check.similarityScores(line.text(), lang);
                    StringBuilder sb = new StringBuilder();
                    for (var e : s.entrySet()) {
                        sb.append(String.format(Locale.ROOT, " %s %.2f/%.2f", e.getKey().name().substring(0, 2),
                                e.getValue()[0], e.getValue()[1]));
                    }
                    System.out.printf(Locale.ROOT, "%s %-9s got %-22s%s | %s%n", ok ? "  " : "XX",
                            Corpus.name(line.actual()), f.map(x -> x.kind() + "/" + x.severity() + "/"
                                    + x.method().charAt(0) + String.format(Locale.ROOT, "%.2f", x.score()))
                                    .orElse("NONE"), sb, line.text());
                }
            }
            System.out.printf(Locale.ROOT, "%s: %d lines, %d wrong%n", lang, lines.size(), wrong);
        }
        timing(check);
    }

    private static void timing(SafetyCheck check) {
        List<Corpus.Line> en = Corpus.read("corpus-en.txt");
        List<Corpus.Line> nb = Corpus.read("corpus-nb.txt");
        for (int warm = 0; warm < 2; warm++) {
            for (Corpus.Line l : en) {
                check.check(l.text(), "en");
            }
        }
        int n = 0;
        long start = System.nanoTime();
        for (int round = 0; round < 3; round++) {
            for (Corpus.Line l : en) {
                check.check(l.text(), "en");
                n++;
            }
            for (Corpus.Line l : nb) {
                check.check(l.text(), "nb");
                n++;
            }
        }
        long full = System.nanoTime() - start;
        int m = 0;
        start = System.nanoTime();
        for (int round = 0; round < 200; round++) {
            for (Corpus.Line l : en) {
                check.checkStopOrPause(l.text(), "en");
                m++;
            }
        }
        long fast = System.nanoTime() - start;
        String longText = "I went to the shop and the queue was long and the woman at the till was kind. ".repeat(40);
        start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            check.check(longText, "en");
        }
        long longCheck = (System.nanoTime() - start) / 5;
        System.out.printf(Locale.ROOT, "check: %.1f ms mean over %d corpus utterances; checkStopOrPause: %.1f us mean;"
                + " one 2,000-character utterance: %.0f ms%n", full / 1e6 / n, n, fast / 1e3 / m, longCheck / 1e6);
    }
}
