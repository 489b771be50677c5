package no.trinn.speech.echo;

import java.util.Arrays;
import java.util.Random;
import no.trinn.core.Require;
import no.trinn.speech.PcmFormat;

/**
 * A model of the path from a speaker to a microphone in a room, for tests and benchmarks of echo handling (no
 * sound device is needed): what the speaker plays reaches the microphone after a delay, through a decaying impulse
 * response (a direct path and exponentially decaying random reflections, falling 60 dB over the decay time), scaled
 * by a gain, with white noise added. Streams: {@link #play} what the speaker plays, {@link #hear} what the microphone
 * picks up of it over the same time; a sample not yet played counts as silence. 16 kHz mono. Not thread-safe.
 */
public final class SimulatedRoom {
    private static final int RATE = PcmFormat.INTERNAL.sampleRate();

    private final int delay;
    private final double[] response;
    private final double noiseRms;
    private final Random noise;
    private double[] played = new double[RATE];
    private int playedLength;
    private int heard;

    /**
     * @param delayMillis the delay from the speaker to the microphone (buffers and air), 0 to 500 ms
     * @param decayMillis the length of the impulse response (60 dB decay), 1 to 500 ms
     * @param gain the echo's amplitude relative to what was played (the impulse response has unit energy), 0 to 4
     * @param noiseRms the RMS of the microphone's noise, relative to full scale, 0 to 0.5
     * @param seed the seed of the reflections and the noise
     */
    public SimulatedRoom(int delayMillis, int decayMillis, double gain, double noiseRms, long seed) {
        Require.inRange(delayMillis, 0, 500, "delayMillis");
        Require.inRange(decayMillis, 1, 500, "decayMillis");
        Require.inRange(gain, 0.0, 4.0, "gain");
        this.noiseRms = Require.inRange(noiseRms, 0.0, 0.5, "noiseRms");
        this.delay = delayMillis * RATE / 1000;
        Random random = new Random(seed);
        int length = Math.max(1, decayMillis * RATE / 1000);
        double[] h = new double[length];
        h[0] = 4;
        double energy = 16;
        for (int i = 1; i < length; i++) {
            h[i] = random.nextGaussian() * Math.exp(-6.9 * i / length);
            energy += h[i] * h[i];
        }
        double scale = gain / Math.sqrt(energy);
        for (int i = 0; i < length; i++) {
            h[i] *= scale;
        }
        this.response = h;
        this.noise = new Random(seed + 1);
    }

    /** A typical room: 60 ms delay, 100 ms decay, gain 0.5 (about -6 dB), noise at -60 dBFS. */
    public static SimulatedRoom typical(long seed) {
        return new SimulatedRoom(60, 100, 0.5, 0.001, seed);
    }

    /** Appends what the speaker played next. */
    public void play(short[] samples) {
        Require.nonNull(samples, "samples");
        if (playedLength + samples.length > played.length) {
            played = Arrays.copyOf(played, Math.max(2 * played.length, playedLength + samples.length));
        }
        for (short s : samples) {
            played[playedLength++] = s;
        }
    }

    /** The next {@code count} samples the microphone picks up from the room (echo plus noise, no client). */
    public short[] hear(int count) {
        Require.inRange(count, 0, Integer.MAX_VALUE, "count");
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            int t = heard + i - delay;
            double sum = 0;
            int first = Math.max(0, t - playedLength + 1);
            for (int j = first; j < response.length && j <= t; j++) {
                sum += response[j] * played[t - j];
            }
            sum += noise.nextGaussian() * noiseRms * 32768;
            out[i] = (short) Math.clamp(Math.round(sum), Short.MIN_VALUE, Short.MAX_VALUE);
        }
        heard += count;
        return out;
    }

    /** What the microphone picks up while the speaker plays {@code far} from the start: echo plus noise. */
    public short[] echo(short[] far) {
        play(far);
        return hear(far.length);
    }
}
