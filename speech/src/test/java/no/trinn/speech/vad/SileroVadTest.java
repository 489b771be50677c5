package no.trinn.speech.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.trinn.models.catalog.ModelCache;
import no.trinn.speech.TestAudio;
import no.trinn.speech.vad.VoiceActivityEvent.SpeechEnded;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Silero VAD v5 on real (synthesized) speech in noise. Needs the model: bin/fetch-vad-model.sh (CI runs it). */
class SileroVadTest {
    private static Path model;

    @TempDir
    Path dir;

    @BeforeAll
    static void findModel() {
        ModelCache cache = TestAudio.modelCache();
        model = SileroVad.locate(cache).orElse(null);
        Assumptions.assumeTrue(model != null, "voice activity model " + SileroVad.MODEL_ID + " is not installed in "
                + cache.root() + "; " + SileroVad.HOW_TO_INSTALL);
    }

    private static List<VoiceActivityEvent> run(VoiceActivityDetector d, short[] audio) {
        List<VoiceActivityEvent> events = new ArrayList<>();
        for (int i = 0; i < audio.length; i += 320) {
            events.addAll(d.accept(java.util.Arrays.copyOfRange(audio, i, Math.min(audio.length, i + 320))));
        }
        events.addAll(d.finish());
        return events;
    }

    @Test
    void silenceNoiseAndTonesAreNotSpeech() {
        short[] audio = TestAudio.concat(TestAudio.silence(1000), TestAudio.noise(2000, 0.05, 1),
                TestAudio.sine(1000, 1000, 0.3), TestAudio.silence(500));
        try (VoiceActivityDetector d = new VoiceActivityDetector(new SileroVad(model), VadSettings.DEFAULT)) {
            List<VoiceActivityEvent> events = run(d, audio);
            assertEquals(List.of(), events);
            assertTrue(d.modelFrames() < d.frames(), "the energy gate should keep digital silence from the model");
        }
    }

    @Test
    void findsStartAndEndOfSpokenSentencesInNoise() throws Exception {
        short[] first = TestAudio.speak("Hello I would like a cup of coffee please", dir);
        short[] second = TestAudio.speak("How much does it cost?", dir);
        int lead = 1000;
        int gap = 1500;
        short[] clean = TestAudio.concat(TestAudio.silence(lead), first, TestAudio.silence(gap), second,
                TestAudio.silence(1000));
        // noise about 20 dB below the speech
        double speechRms = TestAudio.rms(first, 0, first.length);
        short[] noisy = TestAudio.mix(clean, TestAudio.noise(clean.length * 1000 / TestAudio.RATE,
                speechRms / 10, 42));
        long firstStart = lead;
        long firstEnd = lead + first.length * 1000L / TestAudio.RATE;
        long secondStart = firstEnd + gap;
        long secondEnd = secondStart + second.length * 1000L / TestAudio.RATE;

        try (VoiceActivityDetector d = new VoiceActivityDetector(new SileroVad(model), VadSettings.DEFAULT)) {
            long start = System.nanoTime();
            List<VoiceActivityEvent> events = run(d, noisy);
            double millisPerFrame = (System.nanoTime() - start) / 1e6 / d.frames();
            List<SpeechEnded> segments = events.stream().filter(SpeechEnded.class::isInstance)
                    .map(SpeechEnded.class::cast).toList();
            System.out.printf("silero vad: %d frames (%d to the model), %.3f ms per frame overall, %.3f ms per "
                    + "model frame; segments %s, expected [%d-%d, %d-%d]%n", d.frames(), d.modelFrames(),
                    millisPerFrame, d.meanModelMicros() / 1000, segments, firstStart, firstEnd, secondStart,
                    secondEnd);
            assertEquals(2, segments.size(), segments.toString());
            long tolerance = 200;
            assertEquals(firstStart, segments.get(0).startMillis(), tolerance);
            assertEquals(firstEnd, segments.get(0).endMillis(), tolerance);
            assertEquals(secondStart, segments.get(1).startMillis(), tolerance);
            assertEquals(secondEnd, segments.get(1).endMillis(), tolerance);
        }
    }
}
