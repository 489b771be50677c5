package no.trinn.speech.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import no.trinn.speech.TestAudio;
import no.trinn.speech.audio.Pcm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sphinx4 in grammar mode passes the recognizer contract; it needs no download. */
class SphinxRecognizerTest extends SpeechRecognizerContract {
    @Override
    protected SpeechRecognizer create(List<String> phrases) {
        return new SphinxRecognizer(phrases);
    }

    @Test
    void grammarHoldsTheNormalisedPhrases() {
        assertEquals("#JSGF V1.0;\ngrammar trinn;\npublic <phrase> = <answer>;\n<answer> = (hello)\n    | (i don't know);\n",
                SphinxRecognizer.jsgf(List.of("hello", "i don't know"), List.of()));
        assertEquals("#JSGF V1.0;\ngrammar trinn;\npublic <phrase> = [<filler>] [<filler>] <answer> [<filler>];\n<answer> = (hello);\n"
                + "<filler> = um | well;\n", SphinxRecognizer.jsgf(List.of("hello"), List.of("um", "well")));
        assertTrue(SphinxRecognizer.fillers("en").containsAll(List.of("um", "uh", "well")));
        assertTrue(SphinxRecognizer.fillers("nb").contains("altså"));
        assertEquals(List.of(), SphinxRecognizer.fillers("xx"));
    }

    @Test
    void fillersAroundAnAnswerAreTakenOffButAPhraseThatBeginsWithOneKeepsIt() {
        try (SphinxRecognizer r = new SphinxRecognizer(List.of("A small one", "Okay, thanks", "No"))) {
            assertEquals("a small one", r.answer("um a small one"));
            assertEquals("a small one", r.answer("well um a small one yeah"));
            assertEquals("okay thanks", r.answer("okay thanks"), "okay is a filler but here part of the phrase");
            assertEquals("okay thanks", r.answer("um okay thanks"));
            assertEquals("no", r.answer("no"));
            assertEquals("um", r.answer("um"), "nothing but fillers is left as heard");
        }
    }

    @Test
    void anAnswerSpokenWithHesitationsIsHeardAsTheAnswer(@TempDir Path folder) throws Exception {
        TestAudio.assumeEspeak();
        List<String> answers = List.of("A small one, please.", "I will pay by card.", "No thanks, I'm fine.",
                "I need a break.", "Stop.");
        try (SphinxRecognizer r = new SphinxRecognizer(answers)) {
            int right = 0;
            StringBuilder heard = new StringBuilder();
            for (String spoken : List.of("Um, a small one, please.", "Uh, well, I will pay by card.",
                    "Okay, so, no thanks, I'm fine.", "Well, um, a small one, please.")) {
                short[] audio = TestAudio.concat(TestAudio.silence(300), TestAudio.speak(spoken, folder),
                        TestAudio.silence(700));
                r.reset();
                List<RecognitionResult> results = new ArrayList<>();
                for (int i = 0; i < audio.length; i += 320) {
                    results.addAll(r.accept(Pcm.bytes(Arrays.copyOfRange(audio, i, Math.min(audio.length, i + 320)))));
                }
                results.addAll(r.finish());
                String text = String.join(" ", results.stream().map(RecognitionResult::text).toList());
                heard.append(spoken).append(" -> ").append(text).append("; ");
                assertTrue(!text.contains("stop") && !text.contains("break"),
                        "a hesitation must never be heard as a stop or pause phrase: " + heard);
                if (answers.stream().map(Phrases::normalise).anyMatch(a -> a.equals(text)
                        && spoken.toLowerCase(java.util.Locale.ROOT).replace(",", "").contains(a))) {
                    right++;
                }
            }
            assertTrue(right >= 3, "at least 3 of 4 answers with fillers heard right: " + heard);
        }
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
