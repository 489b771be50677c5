package no.trinn.speech.tts;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import no.trinn.speech.SpeechException;
import org.junit.jupiter.api.Test;

class MaryTtsSynthesizerTest extends SpeechSynthesizerContract {
    @Override
    SpeechSynthesizer open() {
        return MaryTtsSynthesizer.start();
    }

    @Override
    String voice() {
        return MaryTtsSynthesizer.VOICE;
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
    void reportsItsStartupTime() {
        assertTrue(((MaryTtsSynthesizer) synthesizer()).startupMillis() > 0);
    }

    @Test
    void unknownVoiceNamesTheVoiceItHas() {
        SpeechException e = assertThrows(SpeechException.class,
                () -> synthesizer().synthesize("Hi.", VoiceSettings.neutral("en")));
        assertTrue(e.getMessage().contains(MaryTtsSynthesizer.VOICE), e.getMessage());
        assertSame(SpeechException.class, e.getClass());
    }

    @Test
    void escapesMarkup() {
        assertTrue(MaryTtsSynthesizer.escape("a<b>&\"c'\u0001").equals("a&lt;b&gt;&amp;&quot;c&apos; "));
    }
}
