package no.trinn.speech.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.speech.TestAudio;
import org.junit.jupiter.api.Test;

/**
 * Sphinx4 in grammar mode on Norwegian Bokmål (English acoustic model, espeak-ng nb pronunciations mapped to English
 * phones) passes the recognizer contract on Norwegian phrases spoken by espeak-ng nb; it needs no download.
 */
class NorwegianSphinxRecognizerTest extends SpeechRecognizerContract {
    /** Expected answers like the contract's English ones, in the style of the shipped nb scenarios. */
    private static final List<String> NORWEGIAN = List.of("Hei!", "Jeg vil gjerne ha en kopp kaffe, takk.",
            "Hvor mye koster det?", "Tusen takk.", "Kan du hjelpe meg?", "Nei takk, jeg drikker ikke.", "Ha det bra!");

    @Override
    protected List<String> phrases() {
        return NORWEGIAN;
    }

    @Override
    protected String voice() {
        return "nb";
    }

    @Override
    protected SpeechRecognizer create(List<String> phrases) {
        TestAudio.assumeEspeak();
        return SphinxRecognizer.norwegian(phrases);
    }

    @Test
    void mnemonicsMapToEnglishPhonesThroughTheTable() {
        Map<String, List<String>> table = EspeakPronunciations.readTable(EspeakPronunciations.NORWEGIAN_TABLE);
        // "kjenner" as espeak-ng nb writes it: the doubled n becomes one N
        assertEquals(Optional.of(List.of("SH", "EH", "N", "AH", "R")),
                EspeakPronunciations.arpabet("x 'E n n @ R", table));
        // stress marks dropped; a long consonant not in the table falls back to the short one; a hiatus has no phone
        assertEquals(Optional.of(List.of("T", "R", "ER", "T")), EspeakPronunciations.arpabet("t R 'W t:", table));
        assertEquals(Optional.of(List.of("F", "R", "IY", "EH", "N")),
                EspeakPronunciations.arpabet("f R 'i: ; E n n", table));
        assertEquals(Optional.empty(), EspeakPronunciations.arpabet("h 'Q", table), "unknown symbol");
    }

    @Test
    void norwegianWordsGetAsciiTokensThatNeverCollide() {
        assertEquals(Map.of("gårde", "gaarde", "trøtt", "troett", "tærne", "taerne", "café", "cafe", "cafe", "cafe2"),
                SphinxRecognizer.tokens(List.of("gårde trøtt", "tærne café", "cafe")));
    }

    @Test
    void everyWordOfTheShippedNorwegianScenariosHasAPronunciation() throws Exception {
        TestAudio.assumeEspeak();
        List<String> words = NorwegianScenarios.load().stream().flatMap(s -> s.states().stream())
                .flatMap(s -> s.phrases().stream()).flatMap(p -> List.of(p.split(" ")).stream()).distinct().toList();
        Map<String, List<String>> pronounced = EspeakPronunciations.norwegian().pronounceAll(words);
        List<String> missing = words.stream().filter(w -> !pronounced.containsKey(w)).toList();
        assertTrue(missing.isEmpty(), "no pronunciation for " + missing);
        assertTrue(words.size() > 150, words.size() + " words");
    }
}
