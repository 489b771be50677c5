package no.trinn.core;

import java.time.Instant;

/**
 * Time source of a session. Production code uses {@link #system()}; tests use the manual clock of the testkit so
 * that timestamps and latencies are exact.
 */
public interface Clock {
    /** Monotonic nanoseconds, for measuring durations only. */
    long nanoTime();

    /** Wall-clock time, for records. */
    Instant instant();

    /** The clock of the machine. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
