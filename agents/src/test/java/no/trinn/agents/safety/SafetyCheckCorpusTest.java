package no.trinn.agents.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import no.trinn.core.session.SafetyEvent.Kind;
import no.trinn.models.MiniLmEmbedder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every line of the English and Norwegian corpora, checked with the real all-MiniLM-L6-v2 model. No pass rate:
 * each line must come out as written; lines that cannot are kept, with their reason, in the known-limitations files,
 * whose current (wrong) outcome is asserted too, so that a fix shows up.
 *
 * <p>Thresholds and margins in the data files were tuned on these corpora (figures from
 * {@link SafetyCheckReport}, best example / best counter-example similarity):
 * <table>
 *   <caption>Similarity settings</caption>
 *   <tr><th>kind</th><th>en threshold</th><th>en margin</th><th>nb threshold</th><th>nb margin</th></tr>
 *   <tr><td>DISTRESS</td><td>0.58 (severity 2 from 0.70)</td><td>0.08</td><td>0.88 (2 from 0.95)</td><td>0.12</td></tr>
 *   <tr><td>SELF_HARM</td><td>0.50</td><td>0.10</td><td>0.88</td><td>0.12</td></tr>
 *   <tr><td>RELAPSE</td><td>0.65</td><td>0.10</td><td>0.88</td><td>0.12</td></tr>
 * </table>
 * English: the lines found by similarity alone score 0.61-0.79 (distress), 0.55-0.93 (self-harm) and 0.68-0.75
 * (relapse), each at least 0.10 above its best counter-example ("Lately I keep thinking it would be easier if I just
 * wasn't here" is the tightest: 0.56 against 0.46). The hardest negatives are held off by the margin, not by the
 * threshold: "I used to get drunk every weekend, but that's over now" (relapse 0.77, counter 0.70), "Do I want a
 * drink? No thanks" (0.74 / 0.65), "I'm not panicking, I'm fine" (distress 0.70 / 1.00); "He was drunk" (0.61)
 * and "I used the card again" (0.60) are held off by the relapse threshold. Self-harm has the lowest threshold on
 * purpose: a missed "I just want to sleep forever" (0.55) costs more than one calm check-in too many.
 * Norwegian: the English-trained model puts any two Norwegian sentences at 0.6-0.85 ("Jeg skal aldri drikke igjen"
 * scores 0.86 against the relapse examples), so the Norwegian thresholds only let near-paraphrases of the examples
 * through and Norwegian rests on its patterns.
 */
class SafetyCheckCorpusTest {
    private static SafetyCheck check;

    @BeforeAll
    static void load() {
        check = new SafetyCheck(new MiniLmEmbedder());
    }

    @TestFactory
    Stream<DynamicTest> englishCorpus() {
        return tests("corpus-en.txt", "en");
    }

    @TestFactory
    Stream<DynamicTest> norwegianCorpus() {
        return tests("corpus-nb.txt", "nb");
    }

    @TestFactory
    Stream<DynamicTest> englishKnownLimitationsStayAsDocumented() {
        return tests("known-limitations-en.txt", "en");
    }

    @TestFactory
    Stream<DynamicTest> norwegianKnownLimitationsStayAsDocumented() {
        return tests("known-limitations-nb.txt", "nb");
    }

    @Test
    void corporaAreLargeAndCoverEveryKind() {
        List<Corpus.Line> en = Corpus.read("corpus-en.txt");
        List<Corpus.Line> nb = Corpus.read("corpus-nb.txt");
        assertTrue(en.size() >= 40, "English corpus has " + en.size() + " lines");
        assertTrue(nb.size() >= 25, "Norwegian corpus has " + nb.size() + " lines");
        for (List<Corpus.Line> corpus : List.of(en, nb)) {
            Set<Kind> kinds = EnumSet.noneOf(Kind.class);
            corpus.forEach(l -> l.ideal().ifPresent(kinds::add));
            assertEquals(EnumSet.allOf(Kind.class), kinds, corpus.get(0).file());
            assertTrue(corpus.stream().filter(l -> l.ideal().isEmpty()).count() >= 10, corpus.get(0).file());
        }
    }

    @Test
    void knownLimitationsAreRealLimitations() {
        List<Corpus.Line> all = new ArrayList<>(Corpus.read("known-limitations-en.txt"));
        all.addAll(Corpus.read("known-limitations-nb.txt"));
        for (Corpus.Line l : all) {
            assertTrue(!l.ideal().equals(l.actual()), l + ": ideal and actual are the same; move it to the corpus");
        }
    }

    private static Stream<DynamicTest> tests(String resource, String language) {
        return Corpus.read(resource).stream().map(line -> DynamicTest.dynamicTest(line.toString(), () -> {
            Optional<SafetyFinding> f = check.check(line.text(), language);
            assertEquals(Corpus.name(line.actual()), Corpus.name(f.map(SafetyFinding::kind)),
                    () -> line + " -> " + f);
            if (line.severity() > 0) {
                assertEquals(line.severity(), f.orElseThrow().severity(), () -> line + " -> " + f);
            }
        }));
    }
}
