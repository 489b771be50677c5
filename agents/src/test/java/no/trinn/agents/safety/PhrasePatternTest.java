package no.trinn.agents.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The curated-pattern syntax and the text folding it relies on. */
class PhrasePatternTest {
    private static boolean matches(String pattern, String text) {
        return PhrasePattern.parse(pattern).matches(SafetyText.words(text));
    }

    @Test
    void wordsMatchWholeWordsOnly() {
        assertTrue(matches("kill myself", "I want to kill myself."));
        assertFalse(matches("kill myself", "skill myselfie"));
        assertFalse(matches("stop", "nonstop"));
    }

    @Test
    void alternativesOptionalsPrefixesGapsAndAnchors() {
        assertTrue(matches("hurt|harm myself", "I harm myself"));
        assertTrue(matches("really? want a drink", "I want a drink"));
        assertTrue(matches("really? want a drink", "I really want a drink"));
        assertTrue(matches("panic*", "I'm panicking"));
        assertTrue(matches("nobody ... miss me", "nobody would really miss me"));
        assertFalse(matches("nobody ... miss me", "nobody would ever really truly miss me"));
        assertTrue(matches("i cant do this $", "I can't do this"));
        assertFalse(matches("i cant do this $", "I can't do this Thursday"));
        assertTrue(matches("^ stop", "stop it"));
        assertFalse(matches("^ stop", "please stop"));
    }

    @Test
    void findReturnsTheWordIndexOfEveryMatch() {
        assertEquals(List.of(1, 3), PhrasePattern.parse("stop").find(List.of("a", "stop", "b", "stop")));
        assertEquals(List.of(), PhrasePattern.parse("stop").find(List.of()));
    }

    @Test
    void foldingIgnoresCaseAccentsApostrophesAndEmoji() {
        assertEquals(List.of("i", "dont", "want", "to", "live"), SafetyText.words("I DON’T want-to live 🙂"));
        assertEquals(List.of("jeg", "far", "ikke", "puste"), SafetyText.words("Jeg får ikke puste!"));
        assertEquals(List.of("vaere", "do", "cafe"), SafetyText.words("være dø café"));
        assertEquals(List.of(), SafetyText.words("🙂 ... !!!"));
        assertTrue(matches("don't want to live", "i dont want to live"));
    }

    @Test
    void badPatternsAreRefusedSayingWhy() {
        assertThrows(IllegalArgumentException.class, () -> PhrasePattern.parse("really?"));
        assertThrows(IllegalArgumentException.class, () -> PhrasePattern.parse("stop $ now"));
        assertThrows(IllegalArgumentException.class, () -> PhrasePattern.parse("a ^ b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PhrasePattern.parse("self-harm|cutting myself"));
        assertTrue(e.getMessage().contains("'self-harm'") && e.getMessage().contains("one word"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PhrasePattern.parse("want|🙂 drink"));
    }

    @Test
    void boundingKeepsSurrogatePairsWhole() {
        String text = "a".repeat(SafetyText.MAX_CHARS - 1) + "🙂";
        String bounded = SafetyText.bound(text);
        assertEquals(SafetyText.MAX_CHARS - 1, bounded.length());
        assertEquals("ab", SafetyText.bound("a\u0000b"));
        assertEquals("ab🙂", SafetyText.bound("a\uD83Db\uDE00🙂"));
    }
}
