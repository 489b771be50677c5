package no.trinn.speech.turn;

import java.time.Instant;
import no.trinn.core.Clock;
import no.trinn.core.Require;

/**
 * A {@link Clock} that reads the position in an audio stream: it moves only by {@link #advance(long)} as audio is
 * processed, so decisions on audio read faster than real time (a WAV file) come at the times they would have come
 * live. {@link #instant()} is the wall-clock time of the start plus the audio position. Thread-safe.
 */
public final class AudioClock implements Clock {
    private final Instant origin;
    private long millis;

    /** A clock at audio position 0, starting now. */
    public AudioClock() {
        this.origin = Instant.now();
    }

    /** Moves the clock by {@code audioMillis} of audio, at least 0. */
    public synchronized void advance(long audioMillis) {
        millis += Require.inRange(audioMillis, 0, Long.MAX_VALUE / 2_000_000, "audioMillis");
    }

    /** The audio position in milliseconds. */
    public synchronized long millis() {
        return millis;
    }

    @Override
    public long nanoTime() {
        return millis() * 1_000_000;
    }

    @Override
    public Instant instant() {
        return origin.plusMillis(millis());
    }
}
