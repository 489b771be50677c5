package no.trinn.speech.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import no.trinn.speech.TestAudio;
import no.trinn.speech.vad.SileroVad;
import no.trinn.speech.vad.VadSettings;
import no.trinn.speech.vad.VoiceActivityDetector;
import no.trinn.speech.vad.VoiceActivityEvent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The echo canceller on the character's speech (espeak-ng) played through {@link SimulatedRoom}s: echo return loss
 * enhancement after convergence, voice activity (Silero) on the raw and the cancelled microphone signal, and the
 * client speaking over the echo (double talk). Figures are printed. Needs espeak-ng; the voice activity tests also
 * need the Silero model (bin/fetch-vad-model.sh); without them they are skipped and say why.
 */
class EchoCancellerTest {
    private static final int RATE = TestAudio.RATE;
    private static final int CHUNK = 320;

    @TempDir
    Path dir;

    /** About ten seconds of the character talking, with short pauses between sentences. */
    private short[] character() throws Exception {
        return TestAudio.concat(TestAudio.silence(300),
                TestAudio.speak("Hi there, welcome in. What can I get for you today?", dir), TestAudio.silence(400),
                TestAudio.speak("We have a lovely flat white, and the oat milk is fresh this morning.", dir),
                TestAudio.silence(300),
                TestAudio.speak("Would you like that small, medium or large? Anything to eat with it?", dir),
                TestAudio.silence(500));
    }

    /** Runs the canceller over whole signals in 20 ms chunks; the output re-aligned with the input. */
    private static short[][] cancel(EchoCanceller aec, short[] far, short[] near) {
        int n = near.length;
        short[] residual = new short[n + aec.latencySamples()];
        short[] output = new short[n + aec.latencySamples()];
        int at = 0;
        short[] tailFar = new short[aec.latencySamples()];
        short[] paddedFar = TestAudio.concat(far, tailFar);
        short[] paddedNear = TestAudio.concat(near, tailFar);
        for (int i = 0; i < paddedNear.length; i += CHUNK) {
            int end = Math.min(paddedNear.length, i + CHUNK);
            Cancelled c = aec.process(Arrays.copyOfRange(paddedFar, i, end), Arrays.copyOfRange(paddedNear, i, end));
            System.arraycopy(c.residual(), 0, residual, at, c.residual().length);
            System.arraycopy(c.output(), 0, output, at, c.output().length);
            at += c.residual().length;
        }
        int lag = aec.latencySamples();
        return new short[][] {Arrays.copyOfRange(residual, lag, lag + n), Arrays.copyOfRange(output, lag, lag + n)};
    }

    /** 10 log10 of echo energy over residual energy, over samples [from, to). */
    static double erleDb(short[] echo, short[] residual, int from, int to) {
        double e = 0;
        double r = 0;
        for (int i = from; i < to; i++) {
            e += (double) echo[i] * echo[i];
            r += (double) residual[i] * residual[i];
        }
        return 10 * Math.log10(e / Math.max(r, 1));
    }

    @ParameterizedTest(name = "delay {0} ms, decay {1} ms, gain {2}")
    @CsvSource({"30, 60, 0.7", "60, 100, 0.5", "120, 120, 0.3"})
    void removesMoreThan15DbOfTheEchoOfSpeechAfterConvergence(int delayMillis, int decayMillis, double gain)
            throws Exception {
        short[] far = character();
        SimulatedRoom room = new SimulatedRoom(delayMillis, decayMillis, gain, 0.0005, 7);
        short[] near = room.echo(far);
        short[] echoOnly = new SimulatedRoom(delayMillis, decayMillis, gain, 0, 7).echo(far);
        EchoCanceller aec = new EchoCanceller(EchoSettings.DEFAULT);
        short[][] out = cancel(aec, far, near);
        int converged = 3 * RATE;
        double erle = erleDb(echoOnly, out[0], converged, near.length);
        double gated = erleDb(echoOnly, out[1], converged, near.length);
        double early = erleDb(echoOnly, out[0], 0, RATE);
        EchoCanceller.Stats s = aec.stats();
        double microsPerFrame = s.nanos() / 1000.0 / (near.length / (double) CHUNK);
        System.out.printf("echo: delay %d ms, decay %d ms, gain %.1f: ERLE %.1f dB after 3 s (first second %.1f dB), "
                + "with the gate %.1f dB; %.0f us per 20 ms frame; %s%n", delayMillis, decayMillis, gain, erle,
                early, gated, microsPerFrame, s);
        assertTrue(erle > 15, "ERLE " + erle + " dB after convergence");
        assertTrue(gated > erle, "the gate should remove more: " + gated + " dB vs " + erle);
    }

    @Test
    void echoAloneIsSpeechOnTheRawMicrophoneButNotAfterCancellation() throws Exception {
        Path model = vadModel();
        short[] far = character();
        short[] near = SimulatedRoom.typical(11).echo(far);
        short[][] out = cancel(new EchoCanceller(EchoSettings.DEFAULT), far, near);
        List<VoiceActivityEvent> raw = vad(model, near);
        List<VoiceActivityEvent> cancelled = vad(model, out[1]);
        System.out.println("echo: voice activity on the raw microphone " + raw + ", after cancellation "
                + cancelled);
        assertFalse(raw.isEmpty(), "the echo on the raw microphone should sound like speech");
        assertEquals(List.of(), cancelled);
    }

    @Test
    void theClientSpeakingOverTheEchoIsStillHeardAndTheFilterHoldsItsGround() throws Exception {
        Path model = vadModel();
        short[] far = character();
        SimulatedRoom room = SimulatedRoom.typical(13);
        short[] echo = room.echo(far);
        short[] client = TestAudio.speak("No thank you, just the coffee please.", dir);
        // the client speaks at about the echo's level, from 5 s, over the character
        short[] quieter = new short[client.length];
        for (int i = 0; i < client.length; i++) {
            quieter[i] = (short) (client[i] / 2);
        }
        int start = 5 * RATE;
        short[] near = echo.clone();
        for (int i = 0; i < quieter.length && start + i < near.length; i++) {
            near[start + i] = (short) Math.clamp(near[start + i] + quieter[i], Short.MIN_VALUE, Short.MAX_VALUE);
        }
        EchoCanceller aec = new EchoCanceller(EchoSettings.DEFAULT);
        short[][] out = cancel(aec, far, near);
        List<VoiceActivityEvent> events = vad(model, out[1]);
        int clientEndMillis = (start + quieter.length) * 1000 / RATE;
        System.out.println("echo: double talk from " + start * 1000 / RATE + " to " + clientEndMillis + " ms: "
                + events + "; " + aec.stats());
        List<VoiceActivityEvent.SpeechStarted> starts = events.stream()
                .filter(VoiceActivityEvent.SpeechStarted.class::isInstance)
                .map(VoiceActivityEvent.SpeechStarted.class::cast).toList();
        assertFalse(starts.isEmpty(), "the client's speech should be heard: " + events);
        for (VoiceActivityEvent.SpeechStarted s : starts) {
            assertTrue(s.atMillis() >= 4_900 && s.atMillis() <= clientEndMillis, "speech outside the client's: "
                    + events);
        }
        assertTrue(starts.getFirst().atMillis() <= 5_000 + 400, "heard late: " + events);
        int after = start + quieter.length + RATE / 2;
        if (after + RATE < near.length) {
            double erle = erleDb(echo, out[0], after, near.length);
            System.out.printf("echo: ERLE after the double talk %.1f dB%n", erle);
            assertTrue(erle > 12, "the filter diverged during double talk: ERLE " + erle + " dB after it");
        }
        assertTrue(aec.stats().doubleTalkBlocks() > 0, aec.stats()::toString);
    }

    @Test
    void refusesChunksOfDifferentLengths() {
        EchoCanceller aec = new EchoCanceller(EchoSettings.DEFAULT);
        assertThrows(IllegalArgumentException.class, () -> aec.process(new short[320], new short[160]));
        assertThrows(IllegalArgumentException.class, () -> new EchoSettings(8, 0.5, -40));
    }

    @Test
    void theOutputLagsByOneBlockAndPassesTheMicrophoneWhenNothingPlays() {
        EchoCanceller aec = new EchoCanceller(EchoSettings.DEFAULT);
        short[] near = TestAudio.sine(440, 100, 0.3);
        short[][] out = cancel(aec, new short[near.length], near);
        assertTrue(Arrays.equals(Arrays.copyOfRange(near, 0, near.length - 1),
                Arrays.copyOfRange(out[1], 0, near.length - 1))
                || maxDifference(near, out[1]) <= 1, "max difference " + maxDifference(near, out[1]));
    }

    private static int maxDifference(short[] a, short[] b) {
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static Path vadModel() {
        TestAudio.assumeEspeak();
        Path model = SileroVad.locate(TestAudio.modelCache()).orElse(null);
        Assumptions.assumeTrue(model != null, "voice activity model " + SileroVad.MODEL_ID + " is not installed; "
                + SileroVad.HOW_TO_INSTALL);
        return model;
    }

    private static List<VoiceActivityEvent> vad(Path model, short[] audio) {
        List<VoiceActivityEvent> events = new ArrayList<>();
        try (VoiceActivityDetector d = new VoiceActivityDetector(new SileroVad(model), VadSettings.DEFAULT)) {
            for (int i = 0; i < audio.length; i += CHUNK) {
                events.addAll(d.accept(Arrays.copyOfRange(audio, i, Math.min(audio.length, i + CHUNK))));
            }
            events.addAll(d.finish());
        }
        return events;
    }
}
