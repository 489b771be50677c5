package no.trinn.console;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionObserver;

/**
 * Fans a session's events out to any number of watchers (console connections), which may come and go while the
 * session runs. A watcher that throws is removed so that it cannot disturb the session or the other watchers; the
 * number removed is kept for diagnostics. Thread-safe.
 */
public final class EventHub implements SessionObserver {
    private final List<SessionObserver> watchers = new CopyOnWriteArrayList<>();
    private volatile int dropped;

    /** Adds a watcher; it receives every event from now on. */
    public void subscribe(SessionObserver watcher) {
        watchers.add(watcher);
    }

    /** Removes a watcher; returns whether it was subscribed. */
    public boolean unsubscribe(SessionObserver watcher) {
        return watchers.remove(watcher);
    }

    /** How many watchers are subscribed. */
    public int watchers() {
        return watchers.size();
    }

    /** How many watchers were removed because they threw. */
    public int dropped() {
        return dropped;
    }

    @Override
    public void onEvent(SessionEvent event) {
        for (SessionObserver w : watchers) {
            try {
                w.onEvent(event);
            } catch (RuntimeException e) {
                if (watchers.remove(w)) {
                    dropped++;
                }
            }
        }
    }
}
