package no.trinn.agents.simulate;

import java.time.Instant;
import no.trinn.core.Clock;
import no.trinn.core.Require;

/**
 * A clock that moves only when told to, so a simulated session's timings are the simulated client's delays and not
 * the machine's. Not thread-safe.
 */
public final class SimulatedClock implements Clock {
    private final Instant start;
    private long nanos;

    /** A clock standing at {@code start}. */
    public SimulatedClock(Instant start) {
        this.start = Require.nonNull(start, "start");
    }

    /** Moves the clock on by {@code millis} (0 or more). */
    public void advanceMillis(long millis) {
        nanos = Math.addExact(nanos, Math.multiplyExact(Require.inRange(millis, 0, Long.MAX_VALUE, "millis"),
                1_000_000L));
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public Instant instant() {
        return start.plusNanos(nanos);
    }
}
