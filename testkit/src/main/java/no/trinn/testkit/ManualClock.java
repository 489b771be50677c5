package no.trinn.testkit;

import java.time.Duration;
import java.time.Instant;
import no.trinn.core.Clock;

/**
 * A clock that moves only when told to, so tests can assert exact timestamps and latencies. Both readings advance
 * together. Thread-safe.
 */
public final class ManualClock implements Clock {
    private long nanos;
    private final Instant origin;

    /** A clock standing at {@code origin}. */
    public ManualClock(Instant origin) {
        this.origin = origin;
    }

    /** A clock standing at 2026-01-01T00:00:00Z. */
    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Moves the clock forward by {@code step}. */
    public synchronized void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a clock cannot go back: " + step);
        }
        nanos += step.toNanos();
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Instant instant() {
        return origin.plusNanos(nanos);
    }
}
