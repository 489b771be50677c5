package no.trinn.speech.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VoiceSettingsTest {
    @Test
    void neutralCharacterKeepsTheVoice() {
        assertEquals(VoiceSettings.neutral("en"), VoiceSettings.derive("en", 0, 0, Map.of(), 0.5));
        assertEquals("+0%", VoiceSettings.neutral("en").ssmlRate());
    }

    @Test
    void percentagesAlwaysCarryASign() {
        VoiceSettings settings = new VoiceSettings("en", -20, 15, 1.0, 0.0);
        assertEquals("-20%", settings.ssmlRate());
        assertEquals("+15%", settings.ssmlPitch());
    }

    @Test
    void voiceTemperamentAndSpeechRateMoveTheSettings() {
        VoiceSettings calm = VoiceSettings.derive("en", -0.5, -0.3, Map.of("warmth", 0.9, "irritability", 0.1), 0.3);
        VoiceSettings tense = VoiceSettings.derive("en", 0.5, 0.3, Map.of("warmth", 0.1, "irritability", 0.9), 0.7);
        assertTrue(calm.ratePercent() < 0 && tense.ratePercent() > 0, calm + " / " + tense);
        assertTrue(calm.pitchPercent() < tense.pitchPercent(), calm + " / " + tense);
        assertTrue(calm.tractScale() < 1 && tense.tractScale() > 1);
        assertTrue(calm.f0AddHertz() < 0 && tense.f0AddHertz() > 0);
        assertNotEquals(VoiceSettings.derive("en", 0, 0, Map.of(), 0.3), VoiceSettings.derive("en", 0, 0, Map.of(),
                0.7));
    }

    @Test
    void extremesStayInRange() {
        VoiceSettings fastest = VoiceSettings.derive("en", 1, 1, Map.of("talkativeness", 1.0, "irritability", 1.0),
                1.0);
        assertEquals(60, fastest.ratePercent());
        VoiceSettings slowest = VoiceSettings.derive("en", -1, -1, Map.of("talkativeness", 0.0, "irritability",
                0.0), 0.0);
        assertEquals(-50, slowest.ratePercent());
    }

    @Test
    void invalidInputNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VoiceSettings.derive("en", 0, 0, Map.of("warmth", 1.5), 0.5));
        assertTrue(e.getMessage().contains("temperament.warmth"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VoiceSettings.derive("en", 0, 0, Map.of(), 1.2));
        assertThrows(IllegalArgumentException.class, () -> new VoiceSettings(" ", 0, 0, 1, 0));
    }
}
