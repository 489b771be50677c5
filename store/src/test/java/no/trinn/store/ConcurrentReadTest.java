package no.trinn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import no.trinn.core.session.SessionEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A second connection reads while the first writes: with SQLite's WAL or PostgreSQL's MVCC it never fails and
 * always sees whole turns.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class ConcurrentReadTest extends StoreFixture {
    private static final int TURNS = 150;

    @Test
    void readerSeesAGrowingConsistentPrefixWhileTheWriterWrites() throws Exception {
        try (SessionStore writer = db.open(); SessionStore reader = db.open()) {
            writer.onEvent(Events.started("live", "p-live", Events.T0));
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> reads = threads.submit(() -> {
                    int count = 0;
                    int seen = 0;
                    while (!done.get()) {
                        List<SessionEvent.TurnCompleted> turns = reader.turns("live");
                        assertTrue(turns.size() >= seen, "turns never disappear");
                        for (int i = 0; i < turns.size(); i++) {
                            assertEquals(i, turns.get(i).turn().index(), "no gaps");
                        }
                        // A separate query: it may already see turns written after the one above.
                        assertTrue(reader.sessions("p-live").get(0).turns() >= turns.size());
                        seen = turns.size();
                        count++;
                    }
                    return count;
                });
                Future<?> writes = threads.submit(() -> {
                    try {
                        for (int i = 0; i < TURNS; i++) {
                            writer.onEvent(Events.turn("live", i, Events.T0.plusSeconds(i + 1)));
                        }
                    } finally {
                        done.set(true);
                    }
                    return null;
                });
                writes.get(120, TimeUnit.SECONDS);
                assertTrue(reads.get(120, TimeUnit.SECONDS) > 1, "the reader read while the writer wrote");
            } finally {
                threads.shutdownNow();
            }
            assertEquals(TURNS, reader.turns("live").size());
        }
    }

    @Test
    void oneStoreServesSeveralThreads() throws Exception {
        try (SessionStore store = db.open()) {
            List<CompletableFuture<Void>> sessions = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                String id = "t-" + s;
                sessions.add(CompletableFuture.runAsync(() -> {
                    store.onEvent(Events.started(id, "p-threads", Events.T0));
                    for (int i = 0; i < 20; i++) {
                        store.onEvent(Events.turn(id, i, Events.T0.plusSeconds(i)));
                        store.sessions("p-threads");
                    }
                }));
            }
            CompletableFuture.allOf(sessions.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            for (int s = 0; s < 4; s++) {
                assertEquals(20, store.turns("t-" + s).size());
            }
        }
    }
}
