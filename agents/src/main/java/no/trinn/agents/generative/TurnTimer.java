package no.trinn.agents.generative;

import java.time.Duration;

/**
 * Port: runs a task after a delay, for the generative engine's latency budget and time-out. Production code uses
 * {@link #system()}; tests use a manual one that fires when the test moves its clock, so latency behaviour is
 * tested without waiting. Implementations are thread-safe; tasks run on a thread of the timer's own.
 */
public interface TurnTimer {
    /** A scheduled task. */
    interface Scheduled {
        /** Cancels the task if it has not run; does nothing if it has. */
        void cancel();
    }

    /** Runs {@code task} once, {@code delay} from now. */
    Scheduled schedule(Duration delay, Runnable task);

    /** A timer on the machine's clock, with one daemon thread shared by every engine of the process. */
    static TurnTimer system() {
        return SystemTimer.INSTANCE;
    }
}
