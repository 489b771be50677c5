package no.trinn.speech.audio;

import java.util.Arrays;
import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.speech.AudioSource;
import no.trinn.speech.PcmFormat;

/**
 * An {@link AudioSource} over audio held in memory, handed out as 16 kHz mono chunks of a fixed length (the last
 * may be shorter), paced to real time or as fast as possible. Audio in another format is converted when the source
 * is made. Used for WAV files ({@link WavFileSource}) and tests. Not thread-safe: one reader.
 */
public class MemorySource implements AudioSource {
    private final short[] samples;
    private final int chunkSamples;
    private final Pacing pacing;
    private int position;
    private long startNanos = -1;
    private boolean closed;

    /**
     * A source of {@code pcm} in {@code format}, converted to 16 kHz mono.
     *
     * @param chunkMillis the length of each chunk, 1 to 1,000 ms (20 ms inside Trinn)
     */
    public MemorySource(byte[] pcm, PcmFormat format, int chunkMillis, Pacing pacing) {
        this(Pcm.toInternal(Require.nonNull(pcm, "pcm"), Require.nonNull(format, "format")), chunkMillis, pacing);
    }

    /** A source of 16 kHz mono {@code samples}, in chunks of {@code chunkMillis} ms. */
    public MemorySource(short[] samples, int chunkMillis, Pacing pacing) {
        this.samples = Require.nonNull(samples, "samples").clone();
        this.chunkSamples = (int) Require.inRange(chunkMillis, 1, 1_000, "chunkMillis")
                * PcmFormat.INTERNAL.sampleRate() / 1000;
        this.pacing = Require.nonNull(pacing, "pacing");
    }

    @Override
    public PcmFormat format() {
        return PcmFormat.INTERNAL;
    }

    /**
     * The next chunk, or empty at the end or after {@link #close()}. With {@link Pacing#REAL_TIME} this waits until
     * the chunk's end would have been heard, counted from the first read.
     */
    @Override
    public Optional<byte[]> read() {
        if (closed || position >= samples.length) {
            return Optional.empty();
        }
        int end = Math.min(samples.length, position + chunkSamples);
        short[] chunk = Arrays.copyOfRange(samples, position, end);
        position = end;
        if (pacing == Pacing.REAL_TIME) {
            if (startNanos < 0) {
                startNanos = System.nanoTime();
            }
            long due = startNanos + (long) end * 1_000_000_000L / PcmFormat.INTERNAL.sampleRate();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                    return Optional.empty();
                }
            }
        }
        return Optional.of(Pcm.bytes(chunk));
    }

    /** Milliseconds of audio handed out so far. */
    public long millisRead() {
        return (long) position * 1000 / PcmFormat.INTERNAL.sampleRate();
    }

    @Override
    public void close() {
        closed = true;
    }
}
