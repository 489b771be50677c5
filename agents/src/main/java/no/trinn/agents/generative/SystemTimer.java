package no.trinn.agents.generative;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The timer of {@link TurnTimer#system()}: one daemon thread for the whole process. */
final class SystemTimer implements TurnTimer {
    static final SystemTimer INSTANCE = new SystemTimer();

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "trinn-generative-timer");
        t.setDaemon(true);
        return t;
    });

    private SystemTimer() {
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
