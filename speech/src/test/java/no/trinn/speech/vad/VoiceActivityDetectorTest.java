package no.trinn.speech.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.trinn.models.catalog.ModelCache;
import no.trinn.speech.SpeechException;
import no.trinn.speech.TestAudio;
import no.trinn.speech.vad.VoiceActivityEvent.SpeechEnded;
import no.trinn.speech.vad.VoiceActivityEvent.SpeechStarted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detector's gate, hysteresis and durations, with a fake model that hears "speech" in loud frames. */
class VoiceActivityDetectorTest {
    @TempDir
    Path dir;

    /** Probability from the frame's level: 0.9 above -20 dBFS, 0.4 above -30, else 0.1. */
    static final class LevelModel implements VoiceActivityModel {
        int asked;
        int skipped;
        int resets;
        boolean closed;

        @Override
        public int frameSamples() {
            return 512;
        }

        @Override
        public float speechProbability(float[] frame) {
            asked++;
            double level = EnergyGate.levelDbfs(frame);
            return level > -20 ? 0.9f : level > -30 ? 0.4f : 0.1f;
        }

        @Override
        public void skipped(float[] frame) {
            skipped++;
        }

        @Override
        public void reset() {
            resets++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static List<VoiceActivityEvent> run(VoiceActivityDetector d, short[] audio, int chunk) {
        List<VoiceActivityEvent> events = new ArrayList<>();
        for (int i = 0; i < audio.length; i += chunk) {
            events.addAll(d.accept(java.util.Arrays.copyOfRange(audio, i, Math.min(audio.length, i + chunk))));
        }
        events.addAll(d.finish());
        return events;
    }

    @Test
    void findsStartAndEndOfLoudStretchesWithFrameAccuracy() {
        short[] audio = TestAudio.concat(TestAudio.silence(1024), TestAudio.sine(300, 1024, 0.5),
                TestAudio.silence(1024), TestAudio.sine(300, 512, 0.5), TestAudio.silence(1024));
        LevelModel model = new LevelModel();
        try (VoiceActivityDetector d = new VoiceActivityDetector(model, VadSettings.DEFAULT)) {
            List<VoiceActivityEvent> events = run(d, audio, 320);
            assertEquals(List.of(new SpeechStarted(1024), new SpeechEnded(1024, 2048), new SpeechStarted(3072),
                    new SpeechEnded(3072, 3584)), events);
            assertTrue(model.skipped > 0, "silent frames should not reach the model");
            assertEquals(d.frames() - model.skipped, model.asked);
        }
        assertTrue(model.closed);
    }

    @Test
    void ignoresBurstsShorterThanTheMinimumSpeechAndBridgesShortPauses() {
        VadSettings settings = new VadSettings(0.5, 0.35, 200, 320, -55);
        short[] audio = TestAudio.concat(TestAudio.silence(512), TestAudio.sine(300, 64, 0.5), // a click: ignored
                TestAudio.silence(512), TestAudio.sine(300, 512, 0.5), TestAudio.silence(160), // short pause
                TestAudio.sine(300, 512, 0.5), TestAudio.silence(1024));
        try (VoiceActivityDetector d = new VoiceActivityDetector(new LevelModel(), settings)) {
            List<VoiceActivityEvent> events = run(d, audio, 640);
            assertEquals(2, events.size(), events.toString());
            SpeechEnded ended = (SpeechEnded) events.get(1);
            assertEquals(1088, ended.startMillis(), 32);
            assertEquals(1088 + 512 + 160 + 512, ended.endMillis(), 64);
        }
    }

    @Test
    void hysteresisKeepsSpeechGoingThroughFramesBetweenTheThresholds() {
        // -25 dBFS gives 0.4: not enough to start speech, but not low enough to end it
        short[] audio = TestAudio.concat(TestAudio.sine(300, 512, 0.5), TestAudio.sine(300, 1024, 0.08),
                TestAudio.silence(1024), TestAudio.sine(300, 1024, 0.08), TestAudio.silence(512));
        try (VoiceActivityDetector d = new VoiceActivityDetector(new LevelModel(), VadSettings.DEFAULT)) {
            List<VoiceActivityEvent> events = run(d, audio, 512);
            assertEquals(List.of(new SpeechStarted(0), new SpeechEnded(0, 1536)), events);
        }
    }

    @Test
    void speechOpenAtTheEndIsClosedByFinishAndResetRestartsTime() {
        try (VoiceActivityDetector d = new VoiceActivityDetector(new LevelModel(), VadSettings.DEFAULT)) {
            List<VoiceActivityEvent> events = new ArrayList<>(d.accept(TestAudio.concat(TestAudio.silence(320),
                    TestAudio.sine(300, 640, 0.5))));
            assertTrue(d.speaking());
            events.addAll(d.finish());
            assertEquals(2, events.size());
            assertEquals(new SpeechEnded(320, 960), events.get(1));
            assertEquals(0, d.millis());
            assertEquals(List.of(new SpeechStarted(0)), d.accept(TestAudio.sine(300, 320, 0.5)));
        }
    }

    @Test
    void energyGateMeasuresLevel() {
        float[] loud = new float[512];
        java.util.Arrays.fill(loud, 0.5f);
        assertEquals(-6.02, EnergyGate.levelDbfs(loud), 0.01);
        assertEquals(-120, EnergyGate.levelDbfs(new float[512]));
        assertTrue(new EnergyGate(-40).open(loud));
        assertTrue(!new EnergyGate(-40).open(new float[512]));
    }

    @Test
    void missingModelFileIsNamedWithHowToGetIt() {
        Path missing = dir.resolve("silero_vad_v5.onnx");
        SpeechException e = assertThrows(SpeechException.class, () -> new SileroVad(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("fetch-vad-model"),
                e.getMessage());
        SpeechException notInstalled = assertThrows(SpeechException.class,
                () -> SileroVad.open(new ModelCache(dir.resolve("empty-cache"))));
        assertTrue(notInstalled.getMessage().contains("silero-vad-v5 is not installed"), notInstalled.getMessage());
    }
}
