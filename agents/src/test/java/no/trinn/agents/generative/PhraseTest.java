package no.trinn.agents.generative;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhraseTest {
    private static boolean in(String phrase, String text) {
        return Phrase.parse(phrase).in(Folded.padded(text));
    }

    @Test
    void wholeWordsCaseAccentsAndApostrophes() {
        assertTrue(in("gun", "A GUN!"));
        assertFalse(in("gun", "It has begun."));
        assertTrue(in("cafe", "Le Café"));
        assertTrue(in("dont", "I don’t know"));
        assertTrue(in("you're", "youre nice"));
        assertTrue(in("høre", "Så bra å høre"));
        assertFalse(in("hore*", "Ok, jeg hører deg."), "æ, ø and å are letters of their own");
    }

    @Test
    void prefixesAlternativesOptionalWordsAndGaps() {
        assertTrue(in("weapon*", "any weapons here"));
        assertTrue(in("are you .. ai|bot", "are you just a bot"));
        assertFalse(in("are you .. ai|bot", "are you one of those four who are bots"));
        assertTrue(in("are you even? real", "are you real"));
        assertTrue(in("are you even? real", "are you even real"));
        assertFalse(in("are you even? real", "are you for real"));
        assertTrue(in("take _ tablet*", "take two tablets"));
        assertFalse(in("take _ tablet*", "take tablets"));
    }

    @Test
    void aBadPhraseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Phrase.parse(".."));
        assertThrows(IllegalArgumentException.class, () -> Phrase.parse("a||b"));
        assertThrows(IllegalArgumentException.class, () -> Phrase.parse("ki-assistent"));
    }
}
