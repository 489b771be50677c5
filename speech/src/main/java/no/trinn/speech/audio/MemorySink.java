package no.trinn.speech.audio;

import java.io.ByteArrayOutputStream;
import no.trinn.core.Require;
import no.trinn.speech.AudioSink;
import no.trinn.speech.PcmFormat;

/**
 * An {@link AudioSink} that keeps everything written, in order, in memory. Audio counts as played as soon as it is
 * written, so {@link #flush()} drops nothing and reports the milliseconds written since the previous flush.
 * Thread-safe.
 */
public final class MemorySink implements AudioSink {
    private final PcmFormat format;
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private long sinceFlush;
    private boolean closed;

    /** A sink expecting {@code format}. */
    public MemorySink(PcmFormat format) {
        this.format = Require.nonNull(format, "format");
    }

    @Override
    public PcmFormat format() {
        return format;
    }

    /**
     * Appends {@code pcm}.
     *
     * @throws IllegalArgumentException if it is not a whole number of frames
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public synchronized void write(byte[] pcm) {
        Require.nonNull(pcm, "pcm");
        if (pcm.length % (2 * format.channels()) != 0) {
            throw new IllegalArgumentException("pcm must hold whole frames, had " + pcm.length + " bytes");
        }
        if (closed) {
            throw new IllegalStateException("the memory sink is closed");
        }
        all.write(pcm, 0, pcm.length);
        sinceFlush += pcm.length;
    }

    @Override
    public synchronized long flush() {
        long millis = format.millisOf(sinceFlush);
        sinceFlush = 0;
        return millis;
    }

    /** Everything written so far. */
    public synchronized byte[] bytes() {
        return all.toByteArray();
    }

    /** Milliseconds written so far. */
    public synchronized long millis() {
        return format.millisOf(all.size());
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
