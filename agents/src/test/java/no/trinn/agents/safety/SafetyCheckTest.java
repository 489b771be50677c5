package no.trinn.agents.safety;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.trinn.core.session.SafetyEvent;
import no.trinn.core.session.SafetyEvent.Kind;
import no.trinn.models.MiniLmEmbedder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract of {@link SafetyCheck} beside the corpora, with the real sentence-embedding model. */
class SafetyCheckTest {
    private static SafetyCheck check;

    @BeforeAll
    static void load() {
        check = new SafetyCheck(new MiniLmEmbedder());
    }

    @Test
    void phraseHitsHaveMethodPhraseScoreOneAndTheKindsSeverity() {
        assertEquals(Optional.of(new SafetyFinding(Kind.STOP, 1, "phrase", 1.0)), check.check("Stop!", "en"));
        assertEquals(Optional.of(new SafetyFinding(Kind.PAUSE, 1, "phrase", 1.0)),
                check.check("Kan vi ta en pause?", "nb"));
        assertEquals(Optional.of(new SafetyFinding(Kind.SELF_HARM, 3, "phrase", 1.0)),
                check.check("I want to die.", "en"));
        assertEquals(Optional.of(new SafetyFinding(Kind.RELAPSE, 2, "phrase", 1.0)),
                check.check("Jeg har ruset meg igjen.", "nb"));
        assertEquals(Optional.of(new SafetyFinding(Kind.DISTRESS, 2, "phrase", 1.0)),
                check.check("I'm panicking.", "en"));
        assertEquals(Optional.of(new SafetyFinding(Kind.DISTRESS, 1, "phrase", 1.0)),
                check.check("I'm a bit nervous.", "en"));
    }

    @Test
    void similarityHitsCarryTheirScore() {
        SafetyFinding f = check.check("I'm such a burden, they'd all be happier if I wasn't around.", "en")
                .orElseThrow();
        assertEquals(Kind.SELF_HARM, f.kind());
        assertEquals(SafetyFinding.SIMILARITY, f.method());
        assertTrue(f.score() >= 0.5 && f.score() < 1.0, "score " + f.score());
    }

    @Test
    void aStopOutrankedByAMoreSevereFindingIsStillReported() {
        List<SafetyFinding> all = check.checkAll("Stop, I want to end my life.", "en");
        assertEquals(Kind.SELF_HARM, all.get(0).kind());
        assertTrue(all.stream().anyMatch(f -> f.kind() == Kind.STOP), all.toString());
        List<SafetyFinding> nb = check.checkAll("Stopp, jeg vil dø.", "nb");
        assertEquals(Kind.SELF_HARM, nb.get(0).kind());
        assertTrue(nb.stream().anyMatch(f -> f.kind() == Kind.STOP), nb.toString());
    }

    @Test
    void findingsComeMostImportantFirstOnePerKind() {
        List<SafetyFinding> all = check.checkAll("Can we pause? I'm panicking. I used again last night.", "en");
        assertEquals(List.of(Kind.RELAPSE, Kind.DISTRESS, Kind.PAUSE), all.stream().map(SafetyFinding::kind).toList());
        assertEquals(Kind.STOP, check.check("Stop. I need a break.", "en").orElseThrow().kind());
    }

    @Test
    void controlPhrasesAreTheStopThenPausePhrasesAndEachIsARequest() {
        List<String> en = check.controlPhrases("en");
        assertEquals("stop", en.getFirst());
        assertTrue(en.contains("take a break") && en.indexOf("take a break") > en.indexOf("quit"), en::toString);
        for (String phrase : en) {
            assertTrue(check.checkStopOrPause(phrase, "en").isPresent(), phrase);
        }
        assertTrue(check.controlPhrases("nb").contains("stopp"), () -> check.controlPhrases("nb").toString());
    }

    @Test
    void stopOrPauseFastPathNeedsNoModelAndFindsOnlyRequests() {
        assertEquals(Kind.STOP, check.checkStopOrPause("okay stop now please", "en").orElseThrow().kind());
        assertEquals(Kind.PAUSE, check.checkStopOrPause("jeg trenger en pause", "nb").orElseThrow().kind());
        assertEquals(Optional.empty(), check.checkStopOrPause("I want to die.", "en"));
        assertEquals(Optional.empty(), check.checkStopOrPause("the bus stop is there", "en"));
    }

    @Test
    void singleWordsInsideSentencesAreNoRequests() {
        for (String s : List.of("The bus stop is there.", "I'll stop by later.", "There was a break in the rain.",
                "Can we stop for coffee?", "I want to stop drinking.", "Where is the exit?", "Did you quit smoking?")) {
            assertEquals(Optional.empty(), check.checkStopOrPause(s, "en"), s);
        }
        for (String s : List.of("Bussen stopper her.", "Jeg vil slutte å drikke.", "Det er slutt på melk.")) {
            assertEquals(Optional.empty(), check.checkStopOrPause(s, "nb"), s);
        }
    }

    @Test
    void caseAccentsAndApostrophesDoNotMatter() {
        for (String s : List.of("I DON'T WANT TO LIVE", "i dont want to live", "I don’t want to live",
                "I don`t want to live", "I donʼt want to live")) {
            assertEquals(Kind.SELF_HARM, check.check(s, "en").orElseThrow().kind(), s);
        }
        for (String s : List.of("Jeg får panikk", "JEG FÅR PANIKK", "jeg far panikk")) {
            assertEquals(Kind.DISTRESS, check.check(s, "nb").orElseThrow().kind(), s);
        }
        assertEquals(Kind.SELF_HARM, check.check("Jeg vil dø", "nb").orElseThrow().kind());
        assertEquals(Kind.SELF_HARM, check.check("jeg vil do", "nb").orElseThrow().kind());
    }

    @Test
    void emptyAndOddInputFindsNothingAndNeverThrows() {
        for (String s : List.of("", "   ", "\n\t", "🙂", "☕☕☕ !!!", "\u0000\u0007", "\uD83D", "\uDE00x",
                "e\u0301\u0301\u0301", "…", "¿¡", "日本語のテキスト", "ÆØÅ æøå")) {
            assertDoesNotThrow(() -> check.checkAll(s, "en"), s);
            assertDoesNotThrow(() -> check.checkAll(s, "nb"), s);
        }
        assertEquals(List.of(), check.checkAll("", "en"));
        assertEquals(List.of(), check.checkAll("   ", "nb"));
        assertEquals(List.of(), check.checkAll("🙂🙂", "en"));
        assertEquals(Kind.STOP, check.check("🛑 stop 🛑", "en").orElseThrow().kind());
    }

    @Test
    void onlyTheFirst2000CharactersAreExamined() {
        String filler = "a".repeat(SafetyText.MAX_CHARS - 20) + " ";
        assertEquals(Kind.SELF_HARM, check.check(filler.substring(0, 1_900) + " I want to die. ", "en")
                .orElseThrow().kind());
        String late = filler + "okay okay okay okay okay I want to die.";
        assertTrue(late.indexOf("die") > SafetyText.MAX_CHARS);
        assertEquals(Optional.empty(), check.check(late, "en").filter(f -> f.kind() == Kind.SELF_HARM));
        assertDoesNotThrow(() -> check.checkAll("I want to stop. ".repeat(100_000), "en"));
        assertDoesNotThrow(() -> check.checkAll("🙂".repeat(5_000), "en"));
    }

    @Test
    void unknownLanguagesFallBackToEnglish() {
        assertEquals("en", check.resolveLanguage("de"));
        assertEquals("en", check.resolveLanguage(""));
        assertEquals("en", check.resolveLanguage("EN-gb"));
        assertEquals("nb", check.resolveLanguage("nb-NO"));
        assertEquals("nb", check.resolveLanguage("no"));
        assertEquals("nb", check.resolveLanguage("nn"));
        assertEquals(Kind.STOP, check.check("stop", "xx").orElseThrow().kind());
        assertEquals(check.coachMessage(Kind.DISTRESS, "en"), check.coachMessage(Kind.DISTRESS, "fr"));
        assertEquals(check.pausedNotice("en"), check.pausedNotice("sv"));
        assertEquals(Set.of("en", "nb"), check.languages());
    }

    @Test
    void norwegianUtterancesAreAlsoCheckedAgainstEnglishPhrases() {
        assertEquals(Kind.STOP, check.check("stop", "nb").orElseThrow().kind());
        assertEquals(Kind.PAUSE, check.check("I need a break", "nb").orElseThrow().kind());
        assertEquals(Kind.RELAPSE, check.check("I used again last night", "nb").orElseThrow().kind());
    }

    @Test
    void coachMessagesExistForEveryKindInBothLanguagesAndDiffer() {
        for (String lang : List.of("en", "nb")) {
            Set<String> seen = new HashSet<>();
            for (Kind k : Kind.values()) {
                String m = check.coachMessage(k, lang);
                assertFalse(m.isBlank(), k + " " + lang);
                assertTrue(m.length() < 400, k + " " + lang + " is too long for a calm message: " + m.length());
                assertTrue(seen.add(m), k + " " + lang + " repeats another kind's message");
            }
            assertFalse(check.pausedNotice(lang).isBlank());
            assertFalse(check.resumedNotice(lang).isBlank());
            assertNotEquals(check.pausedNotice(lang), check.resumedNotice(lang));
        }
        assertNotEquals(check.coachMessage(Kind.STOP, "en"), check.coachMessage(Kind.STOP, "nb"));
        assertTrue(check.coachMessage(Kind.SELF_HARM, "en").contains("therapist"));
        assertTrue(check.coachMessage(Kind.SELF_HARM, "en").contains("emergency"));
        assertTrue(check.coachMessage(Kind.SELF_HARM, "nb").contains("terapeut"));
        assertTrue(check.coachMessage(Kind.SELF_HARM, "nb").contains("113"));
        for (Kind k : List.of(Kind.DISTRESS, Kind.SELF_HARM, Kind.RELAPSE)) {
            String en = check.coachMessage(k, "en");
            assertTrue(en.contains("pause") && en.contains("stop"), k + ": offers a pause and to stop");
            String nb = check.coachMessage(k, "nb");
            assertTrue(nb.contains("pause") && nb.contains("avslutte"), k + ": tilbyr pause og å avslutte");
        }
    }

    @Test
    void nullArgumentsAreRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> check.check(null, "en"));
        assertTrue(e.getMessage().contains("text"));
        e = assertThrows(IllegalArgumentException.class, () -> check.checkAll("stop", null));
        assertTrue(e.getMessage().contains("language"));
        e = assertThrows(IllegalArgumentException.class, () -> check.coachMessage(null, "en"));
        assertTrue(e.getMessage().contains("kind"));
        assertThrows(IllegalArgumentException.class, () -> new SafetyCheck(null));
    }

    @Test
    void findingsBecomeSessionEvents() {
        SafetyFinding f = check.check("I relapsed.", "en").orElseThrow();
        assertEquals(new SafetyEvent(4, Kind.RELAPSE, 2, "phrase", 1.0), f.toEvent(4));
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        List<String> texts = List.of("stop", "I'm panicking.", "I used again last night.", "A coffee, please.",
                "Everyone is staring at me, I just want to hide.", "I feel like I'm a burden.", "By card");
        List<Optional<SafetyFinding>> expected = texts.stream().map(t -> check.check(t, "en")).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    for (int j = 0; j < texts.size(); j++) {
                        if (!check.check(texts.get(j), "en").equals(expected.get(j))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reportsTheCostOfEmbeddingTheExamples() {
        assertTrue(check.embeddedSentenceCount() > 200, "embedded " + check.embeddedSentenceCount());
        assertTrue(check.exampleEmbeddingMillis() >= 0);
    }
}
