package no.trinn.speech.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhrasesTest {
    @Test
    void normalisesCasePunctuationApostrophesAndDuplicates() {
        assertEquals(List.of("no thanks i don't drink", "hello there"), Phrases.normalise(List.of(
                "No thanks, I don\u2019t drink.", "  Hello   there! ", "hello there", "'quoted'", "...", "42")
                .subList(0, 3)));
        assertEquals("quoted", Phrases.normalise("'quoted'"));
        assertEquals("", Phrases.normalise("... 42 !"));
    }
}
