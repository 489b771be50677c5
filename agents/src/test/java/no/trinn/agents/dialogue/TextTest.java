package no.trinn.agents.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void normaliseFoldsCaseAccentsAndPunctuationButKeepsNorwegianLetters() {
        assertEquals("cafe creme s'il vous plait", Text.normalise("Café Crème, s’il vous plaît!"));
        assertEquals("blåbær og ørret", Text.normalise("Blåbær  og   Ørret..."));
    }

    @Test
    void contentWordsDropStopWords() {
        assertEquals(List.of("large", "coffee"), Text.contentWords("A large coffee, please", Set.of("a", "please")));
    }

    @Test
    void sanitiseBoundsLengthAndRemovesControlCharacters() {
        String huge = "x".repeat(10_000);
        assertEquals(Text.MAX_UTTERANCE_CHARS, Text.sanitise(huge).length());
        assertEquals("a b", Text.sanitise("a\u0000\u0007\nb\uFFFD"));
        assertEquals("", Text.sanitise(" \t \n "));
        String emoji = "🙂".repeat(Text.MAX_UTTERANCE_CHARS);
        String cut = Text.sanitise(emoji);
        assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 1)), "split a surrogate pair");
        assertTrue(cut.length() <= Text.MAX_UTTERANCE_CHARS);
    }

    @Test
    void wordCountCountsWordsOnly() {
        assertEquals(0, Text.wordCount(" ... "));
        assertEquals(3, Text.wordCount("Small, please -- thanks!"));
    }
}
