package no.trinn.speech.vad;

/**
 * Port: a model that says how likely one frame of 16 kHz mono audio is speech. Frames are fed in stream order and
 * the model may keep state between them; {@link #reset()} forgets it (a new stream). Not thread-safe: one stream
 * per instance. Closing releases native resources.
 */
public interface VoiceActivityModel extends AutoCloseable {
    /** The number of samples in every frame, e.g. 512 (32 ms). */
    int frameSamples();

    /**
     * The probability, 0 to 1, that {@code frame} (exactly {@link #frameSamples()} samples scaled to [-1, 1)) is
     * speech.
     */
    float speechProbability(float[] frame);

    /**
     * Tells the model that {@code frame} was skipped (judged silent without asking it), so its view of the recent
     * audio stays current.
     */
    void skipped(float[] frame);

    /** Forgets the stream so far. */
    void reset();

    @Override
    void close();
}
