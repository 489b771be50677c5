package no.trinn.agents.generative;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import no.trinn.testkit.ManualClock;

/**
 * A turn timer on a manual clock: scheduled tasks run, on the test's thread, when {@link #advance} moves the clock
 * past their time. Thread-safe.
 */
final class ManualTimer implements TurnTimer {
    private record Task(long due, Runnable run, AtomicBoolean cancelled) {
    }

    private final ManualClock clock;
    private final List<Task> tasks = new ArrayList<>();

    ManualTimer(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable task) {
        Task t = new Task(clock.nanoTime() + delay.toNanos(), task, new AtomicBoolean());
        tasks.add(t);
        return () -> t.cancelled().set(true);
    }

    /** Moves the clock by {@code step} and runs every task that has come due, in time order. */
    void advance(Duration step) {
        clock.advance(step);
        List<Task> due;
        synchronized (this) {
            long now = clock.nanoTime();
            due = tasks.stream().filter(t -> t.due() <= now).sorted(Comparator.comparingLong(Task::due)).toList();
            tasks.removeAll(due);
        }
        for (Task t : due) {
            if (!t.cancelled().get()) {
                t.run().run();
            }
        }
    }

    /** How many tasks wait, cancelled ones included. */
    synchronized int pending() {
        return tasks.size();
    }
}
