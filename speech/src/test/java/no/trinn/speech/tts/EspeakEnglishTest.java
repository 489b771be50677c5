package no.trinn.speech.tts;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.trinn.speech.SpeechException;
import no.trinn.speech.TestAudio;
import org.junit.jupiter.api.Test;

class EspeakEnglishTest extends SpeechSynthesizerContract {
    @Override
    SpeechSynthesizer open() {
        TestAudio.assumeEspeak(); // CI installs it; a developer machine without it skips these
        return EspeakSynthesizer.start();
    }

    @Override
    String voice() {
        return "en";
    }

    @Override
    String sentence() {
        return "Hello there, how can I help you with your order today?";
    }

    @Override
    List<String> corpus() {
        return Corpus.ENGLISH;
    }

    @Test
    void missingBinarySaysToInstallIt() {
        SpeechException e = assertThrows(SpeechException.class,
                () -> EspeakSynthesizer.start(Path.of("/nonexistent/espeak-ng")));
        assertTrue(e.getMessage().contains("install espeak-ng"), e.getMessage());
    }

    @Test
    void hugeTextGoesThroughClauses() {
        String huge = "This is one more sentence of a very long reply. ".repeat(50);
        assertTrue(huge.length() > SpeechSynthesizer.MAX_CHARS);
        List<Utterance> utterances = new ArrayList<>();
        synthesizer().synthesizeClauses(huge, VoiceSettings.neutral(voice()), utterances::add);
        assertTrue(utterances.size() == 50, utterances.size() + " clauses");
    }
}
