package no.trinn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Kills a recording JVM mid-session and checks that what it committed survives and is marked interrupted. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class CrashRecoveryTest extends StoreFixture {
    private static final int TURNS = 5;

    @Test
    void keepsCommittedTurnsOfAKilledProcessAndMarksItsSessionInterrupted() throws Exception {
        Path log = dir.resolve("child.log");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                backend.name(), db.where(), "crashed", Integer.toString(TURNS))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try (SessionStore observer = waitForStore(child, log)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (observer.turns("crashed").size() < TURNS) {
                if (!child.isAlive()) {
                    fail("the recording process exited early (" + child.exitValue() + "): " + read(log));
                }
                if (System.nanoTime() > deadline) {
                    fail("the turns did not become visible within 60 s: " + read(log));
                }
                Thread.sleep(20);
            }
            assertEquals(0, observer.recoverInterrupted(), "a session of a running process is not interrupted");
            assertEquals(SessionStatus.ACTIVE, observer.session("crashed").orElseThrow().status());
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the recording process did not die");
        }

        try (SessionStore store = db.open()) {
            assertEquals(1, store.recoverInterrupted());
            StoredSession session = store.session("crashed").orElseThrow();
            assertEquals(SessionStatus.INTERRUPTED, session.status());
            assertTrue(session.opened().isPresent());
            assertTrue(session.ended().isEmpty());
            List<Integer> indices = store.turns("crashed").stream().map(t -> t.turn().index()).toList();
            assertEquals(List.of(0, 1, 2, 3, 4), indices);
            assertEquals(SessionStatus.INTERRUPTED, store.sessions("p-crash").get(0).status());
            assertEquals(0, store.recoverInterrupted());
        }
    }

    /** Opens the store once the child has created it (opening first would race the child's migration). */
    private SessionStore waitForStore(Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            boolean created = backend == Backend.SQLITE
                    ? Files.exists(Path.of(db.where())) && Files.size(Path.of(db.where())) > 0
                    : db.tables().contains("schema_version");
            if (created) {
                try {
                    return db.open();
                } catch (StoreException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                }
            }
            if (!child.isAlive()) {
                fail("the recording process exited early (" + child.exitValue() + "): " + read(log));
            }
            if (System.nanoTime() > deadline) {
                fail("the recording process did not create the store within 60 s: " + read(log));
            }
            Thread.sleep(20);
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "(no output)";
    }
}
