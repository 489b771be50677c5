package no.trinn.speech.audio;

import java.util.Arrays;
import no.trinn.core.Require;

/**
 * Streaming sample-rate converter for mono 16-bit audio: a windowed-sinc (Blackman) interpolator whose cut-off is
 * the lower of the two Nyquist frequencies, so downsampling does not alias. Feed chunks of any size to
 * {@link #process(short[])}; the output lags the input by {@value #HALF_TAPS} input samples, which
 * {@link #flush()} releases at the end of the stream. One instance per stream; not thread-safe.
 */
public final class Resampler {
    /** Filter half-length in input samples (scaled up when downsampling). */
    static final int HALF_TAPS = 16;

    private final int from;
    private final int to;
    private final double cutoff;
    private final int half;
    /** Input samples not yet consumed; index 0 is the input sample number {@code base}. */
    private float[] buffer;
    private int buffered;
    private long base;
    /** Output samples produced so far; output n sits at input position n * from / to. */
    private long produced;
    /** Input samples received so far (without the leading padding). */
    private long received;

    /** A converter from {@code from} to {@code to} samples per second (each 1,000 to 384,000). */
    public Resampler(int from, int to) {
        this.from = (int) Require.inRange(from, 1_000, 384_000, "from");
        this.to = (int) Require.inRange(to, 1_000, 384_000, "to");
        this.cutoff = Math.min(1.0, (double) to / from);
        this.half = (int) Math.ceil(HALF_TAPS / cutoff);
        this.buffer = new float[4096];
        // the first output sample is centred on input sample 0: pad the history with silence
        this.buffered = half;
        this.base = -half;
    }

    /** Converts the next chunk; returns the output samples that are ready (possibly none). */
    public short[] process(short[] samples) {
        Require.nonNull(samples, "samples");
        if (from == to) {
            received += samples.length;
            return samples.clone();
        }
        append(samples, samples.length);
        received += samples.length;
        return drain(false);
    }

    /** Releases the output still held back at the end of the stream; the converter then starts afresh. */
    public short[] flush() {
        if (from == to) {
            received = 0;
            return new short[0];
        }
        short[] silence = new short[half + 1];
        append(silence, silence.length);
        short[] out = drain(true);
        buffered = half;
        Arrays.fill(buffer, 0, half, 0f);
        base = -half;
        produced = 0;
        received = 0;
        return out;
    }

    private void append(short[] samples, int length) {
        if (buffered + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + length));
        }
        for (int i = 0; i < length; i++) {
            buffer[buffered + i] = samples[i];
        }
        buffered += length;
    }

    private short[] drain(boolean last) {
        // output n is due when the input up to its position plus half the filter is here; at the end only the
        // outputs whose position lies inside the real input are made
        long limitOut = last ? (received * to + from - 1) / from : Long.MAX_VALUE;
        int count = 0;
        short[] out = new short[(int) ((long) buffered * to / from) + 2];
        while (produced < limitOut) {
            double position = (double) produced * from / to;
            long centre = (long) Math.floor(position);
            if (centre + half >= base + buffered) {
                break;
            }
            double sum = 0;
            for (long k = centre - half + 1; k <= centre + half; k++) {
                double x = position - k;
                sum += buffer[(int) (k - base)] * kernel(x);
            }
            int value = (int) Math.round(sum);
            out[count++] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
            produced++;
        }
        // drop the input no longer needed by the next output
        long next = (long) Math.floor((double) produced * from / to) - half + 1;
        int drop = (int) Math.max(0, Math.min(buffered, next - base));
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, buffered - drop);
            buffered -= drop;
            base += drop;
        }
        return Arrays.copyOf(out, count);
    }

    private double kernel(double x) {
        double t = x * cutoff;
        double sinc = t == 0 ? 1.0 : Math.sin(Math.PI * t) / (Math.PI * t);
        double w = (x + half) / (2.0 * half);
        double window = 0.42 - 0.5 * Math.cos(2 * Math.PI * w) + 0.08 * Math.cos(4 * Math.PI * w);
        return cutoff * sinc * window;
    }
}
