package no.trinn.app.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import no.trinn.core.Require;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.audio.Pcm;
import no.trinn.speech.echo.Cancelled;
import no.trinn.speech.echo.EchoCanceller;
import no.trinn.speech.echo.EchoSettings;
import no.trinn.speech.echo.SimulatedRoom;
import no.trinn.speech.tts.SpeechSynthesizer;
import no.trinn.speech.tts.Utterance;
import no.trinn.speech.tts.VoiceSettings;

/**
 * The echo canceller's part of {@code trinn bench voice}: the character's lines spoken by a synthesizer played
 * through three {@link SimulatedRoom}s (delay, reverberation, gain) into the canceller in 20 ms chunks; prints, per
 * room, the echo return loss enhancement (ERLE: echo energy over residual energy) over the first three seconds,
 * seconds three to six and after six seconds (convergence), the ERLE with the residual echo gate after three seconds,
 * and the canceller's wall time per 20 ms chunk. The target applies after six seconds.
 */
public final class EchoBench {
    /** ERLE the canceller should reach after convergence, in dB. */
    static final double TARGET_ERLE_DB = 15;
    private static final int RATE = PcmFormat.INTERNAL.sampleRate();
    private static final int CHUNK = RATE / 50;
    private static final int CONVERGED_SAMPLES = 6 * RATE;
    private static final List<String> CHARACTER = List.of("Hi there, welcome in. What can I get for you today?",
            "We have a lovely flat white, and the oat milk is fresh this morning.",
            "Would you like that small, medium or large? Anything to eat with it?");
    /** delay ms, decay ms, gain. */
    private static final double[][] ROOMS = {{30, 60, 0.7}, {60, 100, 0.5}, {120, 120, 0.3}};

    private EchoBench() {
    }

    /**
     * Speaks the character's lines with {@code synthesizer} (its first voice by name) and prints the figures of
     * each room to {@code out}; returns whether every room met the ERLE target.
     */
    public static boolean run(PrintWriter out, SpeechSynthesizer synthesizer) {
        Require.nonNull(out, "out");
        Require.nonNull(synthesizer, "synthesizer");
        String voice = synthesizer.voices().stream().sorted().findFirst().orElseThrow(() -> new IllegalStateException(
                "synthesizer " + synthesizer.engine() + " offers no voice"));
        List<short[]> parts = new ArrayList<>();
        for (String line : CHARACTER) {
            Utterance u = synthesizer.synthesize(line, VoiceSettings.neutral(voice));
            parts.add(Pcm.toInternal(u.pcm(), u.format()));
            parts.add(new short[RATE * 3 / 10]);
        }
        short[] far = concat(parts);
        boolean met = true;
        for (double[] r : ROOMS) {
            short[] echo = new SimulatedRoom((int) r[0], (int) r[1], r[2], 0, 7).echo(far);
            short[] near = new SimulatedRoom((int) r[0], (int) r[1], r[2], 0.0005, 7).echo(far);
            EchoCanceller aec = new EchoCanceller(EchoSettings.DEFAULT);
            int lag = aec.latencySamples();
            short[] residual = new short[near.length + lag];
            short[] gated = new short[near.length + lag];
            short[] paddedFar = Arrays.copyOf(far, near.length + lag);
            short[] paddedNear = Arrays.copyOf(near, near.length + lag);
            for (int i = 0; i < paddedNear.length; i += CHUNK) {
                int end = Math.min(paddedNear.length, i + CHUNK);
                Cancelled c = aec.process(Arrays.copyOfRange(paddedFar, i, end),
                        Arrays.copyOfRange(paddedNear, i, end));
                System.arraycopy(c.residual(), 0, residual, i, end - i);
                System.arraycopy(c.output(), 0, gated, i, end - i);
            }
            double early = erleDb(echo, residual, lag, 0, 3 * RATE);
            double middle = erleDb(echo, residual, lag, 3 * RATE, CONVERGED_SAMPLES);
            double erle = erleDb(echo, residual, lag, CONVERGED_SAMPLES, echo.length);
            double gatedErle = erleDb(echo, gated, lag, 3 * RATE, echo.length);
            EchoCanceller.Stats s = aec.stats();
            double chunks = paddedNear.length / (double) CHUNK;
            out.printf("echo canceller, room delay %.0f ms, reverberation %.0f ms, gain %.1f: ERLE %.1f dB in 0-3 s, "
                    + "%.1f dB in 3-6 s, %.1f dB after 6 s (target > %.0f dB: %s); %.1f dB after 3 s with the residual "
                    + "echo gate; %.0f µs per 20 ms chunk; %d double-talk blocks of %d with the far end active (no "
                    + "client speaking)%n", r[0], r[1], r[2], early, middle, erle, TARGET_ERLE_DB,
                    erle > TARGET_ERLE_DB ? "met" : "NOT met", gatedErle, s.nanos() / 1e3 / chunks,
                    s.doubleTalkBlocks(), s.farBlocks());
            met &= erle > TARGET_ERLE_DB;
        }
        out.flush();
        return met;
    }

    /** Echo energy over residual energy over [from, to), in dB; the residual lags by {@code lag} samples. */
    private static double erleDb(short[] echo, short[] residual, int lag, int from, int to) {
        double e = 0;
        double r = 0;
        for (int i = from; i < Math.min(to, echo.length); i++) {
            e += (double) echo[i] * echo[i];
            r += (double) residual[i + lag] * residual[i + lag];
        }
        return 10 * Math.log10(e / Math.max(r, 1));
    }

    private static short[] concat(List<short[]> parts) {
        short[] all = new short[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
