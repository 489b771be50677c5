package no.trinn.app.practice;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import no.trinn.core.Require;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.Decision;
import no.trinn.store.SessionCommand;
import no.trinn.store.SessionStore;
import no.trinn.store.StoreException;

/**
 * Takes the commands a therapist sends to one running session through the session store (from the console, in this
 * or another process) and applies them through the session's {@link SessionDriver}, on a daemon thread that asks the
 * store every {@link #INTERVAL}: pause, resume and stop as the client's {@code /pause}, {@code /resume} and
 * {@code /quit} would (the session ends "stopped", with feedback), each announced to the client with one status
 * line; new settings go to {@code settingsChanged} (the coach turns them into a decision) and the decision applies
 * from the next turn. The driver's lock keeps commands between turns. Polling stops by itself once the session has
 * ended, or at {@link #close()}.
 *
 * <p>A store that cannot be read (locked, gone) is reported once on {@code err} with the store's message (which
 * names no client and no words) and asked again at the next interval.
 */
public final class RemoteCommands implements AutoCloseable {
    /** How often the store is asked for new commands. */
    public static final Duration INTERVAL = Duration.ofMillis(100);

    private final SessionStore store;
    private final String sessionId;
    private final SessionDriver driver;
    private final BiFunction<ClientSettings, Integer, Decision> settingsChanged;
    private final Runnable stopped;
    private final PrintWriter err;
    private final ScheduledExecutorService timer;
    private boolean failing;

    private RemoteCommands(SessionStore store, String sessionId, SessionDriver driver,
            BiFunction<ClientSettings, Integer, Decision> settingsChanged, Runnable stopped, PrintWriter err) {
        this.store = store;
        this.sessionId = sessionId;
        this.driver = driver;
        this.settingsChanged = settingsChanged;
        this.stopped = stopped;
        this.err = err;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "trinn-therapist-commands");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts polling for the commands of session {@code sessionId} (already started and recorded in {@code store}).
     *
     * @param settingsChanged turns the therapist's new settings and the last turn's number into the decision the
     *     session applies (e.g. the coach's {@code settingsChanged})
     * @param stopped run after a stop command ended the session (e.g. to tell a client at a prompt to press Enter)
     * @param err where a failure to read the store is reported
     */
    public static RemoteCommands start(SessionStore store, String sessionId, SessionDriver driver,
            BiFunction<ClientSettings, Integer, Decision> settingsChanged, Runnable stopped, PrintWriter err) {
        RemoteCommands commands = new RemoteCommands(Require.nonNull(store, "store"),
                Require.nonBlank(sessionId, "sessionId"), Require.nonNull(driver, "driver"),
                Require.nonNull(settingsChanged, "settingsChanged"), Require.nonNull(stopped, "stopped"),
                Require.nonNull(err, "err"));
        commands.timer.scheduleWithFixedDelay(commands::poll, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return commands;
    }

    /** Takes and applies the waiting commands once; stops polling once the session has ended. */
    void poll() {
        if (driver.ended()) {
            timer.shutdown();
            return;
        }
        List<SessionCommand> commands;
        try {
            commands = store.takeCommands(sessionId);
            failing = false;
        } catch (StoreException e) {
            if (!failing) {
                failing = true;
                err.println("trinn: cannot read the therapist's commands (will keep trying): " + e.getMessage());
                err.flush();
            }
            return;
        }
        for (SessionCommand command : commands) {
            try {
                apply(command);
            } catch (RuntimeException e) {
                // the class only: a message might quote the session's words
                err.println("trinn: a " + command.kind().name().toLowerCase(java.util.Locale.ROOT) + " command of the"
                        + " therapist could not be applied: " + e.getClass().getName());
                err.flush();
            }
        }
        if (driver.ended()) {
            timer.shutdown();
        }
    }

    private void apply(SessionCommand command) {
        switch (command.kind()) {
            case PAUSE -> driver.pauseByTherapist();
            case RESUME -> driver.resumeByTherapist();
            case STOP -> {
                if (driver.stopByTherapist()) {
                    stopped.run();
                }
            }
            case SETTINGS -> {
                ClientSettings settings = command.settings().orElseThrow();
                driver.adjust(turn -> settingsChanged.apply(settings, turn));
            }
        }
    }

    /** Stops polling; a command being applied finishes first (waits up to a second). */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
