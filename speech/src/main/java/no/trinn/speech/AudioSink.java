package no.trinn.speech;

/**
 * Port: where the character's audio goes (a speaker, a WAV file, memory). {@link #flush()} drops audio not yet
 * played (barge-in) and reports how many milliseconds were actually played, so the character remembers only what
 * was heard.
 */
public interface AudioSink extends AutoCloseable {
    /** The format the sink expects. */
    PcmFormat format();

    /** Queues PCM bytes for playback. */
    void write(byte[] pcm);

    /** Drops queued audio; returns the milliseconds played since the last flush. */
    long flush();

    @Override
    void close();
}
