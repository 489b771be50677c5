package no.trinn.speech.audio;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import no.trinn.core.Require;
import no.trinn.speech.AudioSink;
import no.trinn.speech.PcmFormat;
import no.trinn.speech.SpeechException;

/**
 * An {@link AudioSink} that writes a WAV file (16-bit PCM in the sink's format) as audio arrives; the header's
 * lengths are brought up to date on every {@link #flush()} and on {@link #close()}, so the file is valid after
 * either. Audio counts as played as soon as it is written: {@link #flush()} drops nothing and reports the
 * milliseconds written since the previous flush. Errors name the file. Thread-safe.
 */
public final class WavFileSink implements AudioSink {
    private final Path file;
    private final PcmFormat format;
    private final RandomAccessFile out;
    private long dataBytes;
    private long sinceFlush;
    private boolean closed;

    /**
     * Creates (or replaces) {@code file}.
     *
     * @throws SpeechException naming the file if it cannot be created
     */
    public WavFileSink(Path file, PcmFormat format) {
        this.file = Require.nonNull(file, "file");
        this.format = Require.nonNull(format, "format");
        try {
            this.out = new RandomAccessFile(file.toFile(), "rw");
            out.setLength(0);
            out.write(Wav.header(format, 0));
        } catch (IOException e) {
            throw new SpeechException("cannot create the audio file " + file + ": " + e, e);
        }
    }

    @Override
    public PcmFormat format() {
        return format;
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void write(byte[] pcm) {
        Require.nonNull(pcm, "pcm");
        if (pcm.length % (2 * format.channels()) != 0) {
            throw new IllegalArgumentException("pcm must hold whole frames, had " + pcm.length + " bytes");
        }
        if (closed) {
            throw new IllegalStateException("the audio file sink " + file + " is closed");
        }
        try {
            out.write(pcm);
        } catch (IOException e) {
            throw new SpeechException("cannot write the audio file " + file + ": " + e, e);
        }
        dataBytes += pcm.length;
        sinceFlush += pcm.length;
    }

    @Override
    public synchronized long flush() {
        if (!closed) {
            updateHeader();
        }
        long millis = format.millisOf(sinceFlush);
        sinceFlush = 0;
        return millis;
    }

    private void updateHeader() {
        try {
            long end = out.getFilePointer();
            out.seek(0);
            out.write(Wav.header(format, dataBytes));
            out.seek(end);
        } catch (IOException e) {
            throw new SpeechException("cannot write the audio file " + file + ": " + e, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (RandomAccessFile f = out) {
            out.seek(0);
            f.write(Wav.header(format, dataBytes));
        } catch (IOException e) {
            throw new SpeechException("cannot finish the audio file " + file + ": " + e, e);
        }
    }
}
