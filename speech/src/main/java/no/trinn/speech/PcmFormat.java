package no.trinn.speech;

import no.trinn.core.Require;

/**
 * Format of signed 16-bit little-endian PCM audio. Inside Trinn audio is {@link #INTERNAL} (16 kHz mono, 20 ms
 * chunks); sources and sinks convert at the edges.
 *
 * @param sampleRate samples per second per channel, 8,000 to 192,000
 * @param channels 1 or 2
 */
public record PcmFormat(int sampleRate, int channels) {
    /** The pipeline's own format: 16 kHz mono. */
    public static final PcmFormat INTERNAL = new PcmFormat(16_000, 1);

    public PcmFormat {
        Require.inRange(sampleRate, 8_000, 192_000, "sampleRate");
        Require.inRange(channels, 1, 2, "channels");
    }

    /** Bytes in {@code millis} milliseconds of audio. */
    public int bytesFor(int millis) {
        Require.inRange(millis, 0, 3_600_000, "millis");
        return (int) ((long) sampleRate * channels * 2 * millis / 1000);
    }

    /** Milliseconds of audio in {@code bytes} bytes. */
    public long millisOf(long bytes) {
        Require.inRange(bytes, 0, Long.MAX_VALUE / 1000, "bytes");
        return bytes * 1000 / ((long) sampleRate * channels * 2);
    }
}
