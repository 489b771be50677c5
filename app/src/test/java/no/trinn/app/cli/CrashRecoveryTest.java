package no.trinn.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import no.trinn.app.Main;
import no.trinn.store.SessionOverview;
import no.trinn.store.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the real application in a child JVM records a session turn by turn; the child is killed mid-session;
 * the next run of the command line lists the session as interrupted with the turns it had.
 */
class CrashRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path home;

    @Test
    void aKilledSessionIsListedAsInterruptedWithItsTurns() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "practice", "coffee-order", "--client", "crash-test");
        builder.environment().put("TRINN_HOME", home.toString());
        builder.environment().remove("TRINN_SCENARIOS");
        builder.redirectOutput(home.resolve("child.out").toFile());
        builder.redirectError(home.resolve("child.err").toFile());
        Process child = builder.start();
        try {
            Writer stdin = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
            stdin.write("Could I have a cappuccino, please?\n");
            stdin.write("A small one, please.\n");
            stdin.flush(); // stdin stays open: the session must still be running when the child is killed
            awaitTurns(child, 2);
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
        }

        CliRun.Result r = CliRun.run(home, "history", "--client", "crash-test");
        assertEquals(0, r.code(), r::toString);
        List<String> rows = r.out().lines().toList();
        assertEquals(2, rows.size(), r::toString);
        assertTrue(Pattern.compile("coffee-order\\s+interrupted\\s+2\\s+2/3\\s+0\\s").matcher(rows.get(1)).find(),
                r::toString);
        CliRun.Result one = CliRun.run(home, "history", "--client", "crash-test", "--session",
                rows.get(1).substring(rows.get(1).lastIndexOf(' ') + 1));
        assertEquals(0, one.code(), one::toString);
        assertTrue(one.out().contains("You: A small one, please."), one::toString);
        assertTrue(one.out().contains("was interrupted"), one::toString);
    }

    /** Waits, bounded, until the child's session has {@code turns} turns in the store. */
    private void awaitTurns(Process child, int turns) throws IOException, InterruptedException {
        Path db = home.resolve("trinn.db");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(child.isAlive(), () -> "the child ended early: " + childOutput());
            if (Files.exists(db)) {
                try (SessionStore store = SessionStore.open(db)) {
                    List<SessionOverview> sessions = store.sessions("crash-test");
                    if (!sessions.isEmpty() && sessions.getFirst().turns() >= turns) {
                        return;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no session with " + turns + " turns after " + WAIT + ": " + childOutput());
    }

    private String childOutput() {
        try {
            return "\n--- child stdout ---\n" + Files.readString(home.resolve("child.out"))
                    + "\n--- child stderr ---\n" + Files.readString(home.resolve("child.err"));
        } catch (IOException e) {
            return "(cannot read the child's output: " + e + ")";
        }
    }
}
