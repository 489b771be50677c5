package no.trinn.store;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A recording process for {@link CrashRecoveryTest}: records the start of a session and some turns, then blocks
 * until it is killed. Arguments: backend ({@link Backend}), database path or URL, session id, number of turns.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Backend backend = Backend.valueOf(args[0]);
        String where = args[1];
        String sessionId = args[2];
        int turns = Integer.parseInt(args[3]);
        // Not closed on purpose: the process is killed while the store is open.
        SessionStore store = backend == Backend.SQLITE ? SessionStore.open(Path.of(where))
                : SessionStore.connect(where, Backend.credentials());
        Instant start = Instant.now();
        store.onEvent(Events.started(sessionId, "p-crash", start));
        store.onEvent(Events.opened(sessionId, start.plusMillis(1)));
        for (int i = 0; i < turns; i++) {
            store.onEvent(Events.turn(sessionId, i, start.plusSeconds(1 + i)));
        }
        System.out.println("recorded " + turns + " turns");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
