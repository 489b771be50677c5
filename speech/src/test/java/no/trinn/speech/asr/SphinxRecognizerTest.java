package no.trinn.speech.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sphinx4 in grammar mode passes the recognizer contract; it needs no download. */
class SphinxRecognizerTest extends SpeechRecognizerContract {
    @Override
    protected SpeechRecognizer create(List<String> phrases) {
        return new SphinxRecognizer(phrases);
    }

    @Test
    void grammarHoldsTheNormalisedPhrases() {
        assertEquals("#JSGF V1.0;\ngrammar trinn;\npublic <phrase> = (hello)\n    | (i don't know);\n",
                SphinxRecognizer.jsgf(List.of("hello", "i don't know")));
    }

    @Test
    void phrasesWithUnknownWordsAreLeftOutAndNoneLeftIsAnError() {
        try (SphinxRecognizer r = new SphinxRecognizer(List.of("Hello!", "zzxqv blorptang"))) {
            assertEquals(List.of("hello"), r.phrases());
            assertEquals(List.of("zzxqv blorptang"), r.skippedPhrases());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SphinxRecognizer(List.of("zzxqv", "...")));
        assertTrue(e.getMessage().startsWith("phrases:"), e.getMessage());
    }
}
