package no.trinn.store;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A recording process for {@link CrashRecoveryTest}: records the start of a session and some turns, then blocks
 * until it is killed. Arguments: database path, session id, number of turns.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path db = Path.of(args[0]);
        String sessionId = args[1];
        int turns = Integer.parseInt(args[2]);
        // Not closed on purpose: the process is killed while the store is open.
        SessionStore store = SessionStore.open(db);
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
