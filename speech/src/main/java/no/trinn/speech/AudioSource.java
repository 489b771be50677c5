package no.trinn.speech;

import java.util.Optional;

/**
 * Port: where the client's audio comes from (a microphone, a WAV file, memory). Each read returns the next chunk
 * in {@link #format()}, or empty at the end of the audio. Closing releases the device or file.
 */
public interface AudioSource extends AutoCloseable {
    /** The format of every chunk. */
    PcmFormat format();

    /** The next chunk of PCM bytes, or empty when the audio has ended. */
    Optional<byte[]> read();

    @Override
    void close();
}
