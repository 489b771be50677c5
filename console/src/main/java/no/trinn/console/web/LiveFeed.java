package no.trinn.console.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import no.trinn.store.LiveChanges;
import no.trinn.store.SessionStore;
import no.trinn.store.StoreException;

/**
 * Tails the store for the sessions someone is watching: one tail per watched session, shared by all its viewers,
 * asks {@link SessionStore#changes} every {@code interval} and hands each viewer what it has not seen. A viewer
 * that joins late, or whose cursor differs from the tail's, catches up with its own read on the tail's thread, so
 * each viewer gets every row once and in order. A tail stops when its last viewer leaves, and ends its viewers when
 * the session is over (after they got the end) or gone. Thread-safe.
 */
final class LiveFeed implements AutoCloseable {
    /** How often a viewer with nothing to receive gets a keep-alive. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    /** Where a viewer's updates go (an SSE connection). Called on the tail's thread only. */
    interface Viewer {
        /** New changes, never empty. */
        void send(LiveChanges changes);

        /** Nothing new for a while: a comment that keeps the connection open. */
        void ping();

        /** The stream is over: the session ended or is gone, the login ended, or the console stops. */
        void end();
    }

    /** One viewer's subscription. */
    final class Watch {
        private final Tail tail;
        private final Viewer viewer;
        private final BooleanSupplier allowed;
        private LiveChanges.Cursor cursor;
        private long lastSent = System.nanoTime();

        private Watch(Tail tail, Viewer viewer, BooleanSupplier allowed, LiveChanges.Cursor cursor) {
            this.tail = tail;
            this.viewer = viewer;
            this.allowed = allowed;
            this.cursor = cursor;
        }
    }

    private final SessionStore store;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    private final Map<String, Tail> tails = new HashMap<>();

    LiveFeed(SessionStore store, Duration interval, int threads) {
        this.store = store;
        this.interval = interval;
        this.timer = Executors.newScheduledThreadPool(threads, task -> {
            Thread t = new Thread(task, "trinn-console-live");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts sending {@code viewer} what session {@code sessionId} records after {@code from}, while
     * {@code allowed} holds (checked before each delivery: the viewer's login).
     */
    synchronized Watch watch(String sessionId, LiveChanges.Cursor from, Viewer viewer, BooleanSupplier allowed) {
        Tail tail = tails.computeIfAbsent(sessionId, Tail::new);
        Watch watch = new Watch(tail, viewer, allowed, from);
        tail.watches.add(watch);
        tail.start();
        return watch;
    }

    /** Stops sending to the watch's viewer; the session's tail stops with its last viewer. */
    synchronized void unwatch(Watch watch) {
        Tail tail = watch.tail;
        tail.watches.remove(watch);
        if (tail.watches.isEmpty() && tails.get(tail.sessionId) == tail) {
            tails.remove(tail.sessionId);
            tail.stop();
        }
    }

    /** How many sessions are tailed now. */
    synchronized int tails() {
        return tails.size();
    }

    /** Ends every viewer and stops tailing. */
    @Override
    public void close() {
        List<Tail> all;
        synchronized (this) {
            all = List.copyOf(tails.values());
            tails.clear();
        }
        timer.shutdownNow();
        for (Tail tail : all) {
            tail.watches.forEach(w -> w.viewer.end());
        }
    }

    private final class Tail {
        private final String sessionId;
        private final List<Watch> watches = new CopyOnWriteArrayList<>();
        private LiveChanges.Cursor cursor = LiveChanges.Cursor.START;
        private ScheduledFuture<?> task;

        private Tail(String sessionId) {
            this.sessionId = sessionId;
        }

        void start() {
            if (task == null) {
                task = timer.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        void stop() {
            if (task != null) {
                task.cancel(false);
            }
        }

        private void tick() {
            try {
                Optional<LiveChanges> read = store.changes(sessionId, cursor);
                if (read.isEmpty()) {
                    endAll();
                    return;
                }
                LiveChanges changes = read.get();
                cursor = changes.cursor();
                for (Watch w : watches) {
                    deliver(w, changes);
                }
                if (cursor.over()) {
                    endAll();
                }
            } catch (StoreException e) {
                // the store may be locked for a moment by a writer in another process: try again next tick
                return;
            } catch (RuntimeException e) {
                endAll();
            }
        }

        private void deliver(Watch w, LiveChanges changes) {
            if (!w.allowed.getAsBoolean()) {
                w.viewer.end();
                unwatch(w);
                return;
            }
            LiveChanges news;
            if (w.cursor.equals(changes.from())) {
                news = changes;
            } else if (w.cursor.covers(changes.cursor())) {
                news = null;
            } else {
                news = store.changes(sessionId, w.cursor).orElse(null);
            }
            if (news != null && !news.isEmpty()) {
                w.viewer.send(news);
                w.cursor = news.cursor();
                w.lastSent = System.nanoTime();
            } else if (System.nanoTime() - w.lastSent > KEEP_ALIVE.toNanos()) {
                w.viewer.ping();
                w.lastSent = System.nanoTime();
            }
        }

        private void endAll() {
            for (Watch w : watches) {
                w.viewer.end();
                unwatch(w);
            }
            stop();
        }
    }
}
