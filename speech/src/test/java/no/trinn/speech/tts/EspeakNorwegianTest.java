package no.trinn.speech.tts;

import java.util.List;
import no.trinn.speech.TestAudio;

class EspeakNorwegianTest extends SpeechSynthesizerContract {
    @Override
    SpeechSynthesizer open() {
        TestAudio.assumeEspeak(); // CI installs it; a developer machine without it skips these
        return EspeakSynthesizer.start();
    }

    @Override
    String voice() {
        return "nb";
    }

    @Override
    String sentence() {
        return "Hei, hvordan kan jeg hjelpe deg med bestillingen din i dag?";
    }

    @Override
    List<String> corpus() {
        return Corpus.NORWEGIAN;
    }
}
