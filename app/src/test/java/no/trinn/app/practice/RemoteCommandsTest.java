package no.trinn.app.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import no.trinn.agents.adapt.AdaptiveCoach;
import no.trinn.agents.adapt.ControllerSettings;
import no.trinn.agents.session.PracticeSession;
import no.trinn.agents.session.SessionSetup;
import no.trinn.core.session.ClientSettings;
import no.trinn.core.session.Decision;
import no.trinn.core.session.SessionEvent;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.ScenarioLibrary;
import no.trinn.store.SessionCommand;
import no.trinn.store.SessionStore;
import no.trinn.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real session (scripted engine, real coach and store) driven by {@link SessionDriver} while {@link RemoteCommands}
 * polls the store: a therapist's pause, new temperament and stop, sent through the store as the console sends them,
 * reach the session between turns, and the next reply follows the new temperament.
 */
class RemoteCommandsTest {
    private static final String ALIAS = "p-remote";
    private static final Optional<Double> FIXED = Optional.of(0.0);

    @TempDir
    Path dir;

    /** One session of coffee-order with its driver, store and poller. */
    private record Run(SessionStore store, PracticeSession session, SessionDriver driver, EventLog events,
            RecordingSink screen, RemoteCommands remote, StringWriter err) implements AutoCloseable {
        static Run start(Path dir) {
            SessionStore store = SessionStore.open(dir.resolve("trinn.db"));
            ScenarioLibrary library = ScenarioLibrary.shipped();
            Scenario scenario = library.require("coffee-order");
            Coaching coaching = new Coaching(store, library, ALIAS, ControllerSettings.DEFAULT, Optional.empty());
            AdaptiveCoach coach = coaching.coach(scenario, FIXED);
            TextEngines engines = TextEngines.shared();
            SessionSetup setup = new SessionSetup(Sessions.newId(), scenario, ALIAS, coach.difficulty(),
                    coach.behaviour());
            EventLog events = new EventLog();
            PracticeSession session = Sessions.start(setup, engines.engine(), engines, List.of(store, events),
                    Optional.of(coach));
            RecordingSink screen = new RecordingSink();
            SessionDriver driver = new SessionDriver(session, events, screen, engines.prepare(scenario));
            driver.open();
            StringWriter err = new StringWriter();
            RemoteCommands remote = RemoteCommands.start(store, setup.sessionId(), driver,
                    (saved, turn) -> coach.settingsChanged(coaching.effective(saved, FIXED), turn),
                    () -> screen.info("(Press Enter to close.)"), new PrintWriter(err, true));
            return new Run(store, session, driver, events, screen, remote, err);
        }

        String id() {
            return session.setup().sessionId();
        }

        void send(SessionCommand.Kind kind, String payload) {
            store.sendCommand(id(), kind, payload);
        }

        @Override
        public void close() {
            remote.close();
            driver.finish("quit");
            store.close();
        }
    }

    private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 10 s for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static ClientSettings warmth(double value) {
        return new ClientSettings(Map.of(), Map.of(), Map.of("coffee-order/barista", Map.of("warmth", value)),
                List.of());
    }

    /** The barista's reply to "A coffee, please.", with or without a new warmth sent before it. */
    private static String firstReply(Path dir, Optional<Double> newWarmth) throws Exception {
        try (Run run = Run.start(dir)) {
            if (newWarmth.isPresent()) {
                int decided = run.events().decisions().size();
                run.send(SessionCommand.Kind.SETTINGS, SessionCommand.settingsPayload(warmth(newWarmth.get())));
                until("the settings decision", () -> run.events().decisions().size() > decided);
            }
            run.driver().handle("A coffee, please.");
            return run.store().turns(run.id()).getLast().turn().characterText();
        }
    }

    @Test
    void pauseSettingsAndStopReachTheSessionBetweenTurns() throws Exception {
        String unchanged = firstReply(dir.resolve("control"), Optional.empty());
        try (Run run = Run.start(dir)) {
            run.send(SessionCommand.Kind.PAUSE, SessionCommand.NO_PAYLOAD);
            until("the pause", () -> run.events().pauses().size() == 1);
            assertTrue(run.events().pauses().getFirst().paused());
            assertEquals("therapist", run.events().pauses().getFirst().reason());
            assertTrue(run.screen().lines().contains("[STATUS] " + SessionDriver.PAUSED_BY_THERAPIST),
                    () -> run.screen().lines().toString());
            assertEquals(List.of(true), run.store().pauses(run.id()).stream()
                    .map(SessionEvent.PauseChanged::paused).toList(), "recorded for the console");

            double before = run.driver().behaviour().get("warmth");
            int decided = run.events().decisions().size();
            run.send(SessionCommand.Kind.SETTINGS, SessionCommand.settingsPayload(warmth(0.0)));
            until("the settings decision", () -> run.events().decisions().size() > decided);
            Decision change = run.events().decisions().getLast().decision();
            assertTrue(change.reason().startsWith("the therapist changed the settings"), change::toString);
            assertEquals(before, change.before().get("warmth"));
            assertTrue(change.after().get("warmth") < 0.4 && before >= 0.6, change::toString);
            assertEquals(change.after().get("warmth"), run.driver().behaviour().get("warmth"), "for the next turn");
            assertEquals(1, run.store().decisions(run.id()).size(), "recorded for the console");
            assertTrue(run.session().paused(), "settings do not resume");

            run.send(SessionCommand.Kind.RESUME, SessionCommand.NO_PAYLOAD);
            until("the resumption", () -> run.events().pauses().size() == 2);
            assertTrue(run.screen().lines().contains("[STATUS] " + SessionDriver.RESUMED_BY_THERAPIST));

            run.driver().handle("A coffee, please.");
            SessionEvent.TurnCompleted next = run.store().turns(run.id()).getLast();
            String changed = next.turn().characterText();
            System.out.println("remote settings: reply at warmth " + before + ": '" + unchanged + "'; after warmth "
                    + change.after().get("warmth") + ": '" + changed + "'");
            assertFalse(changed.equals(unchanged), "the colder barista answers differently: '" + changed
                    + "' vs '" + unchanged + "'");

            run.send(SessionCommand.Kind.STOP, SessionCommand.NO_PAYLOAD);
            until("the end", () -> run.driver().ended());
            SessionEvent.Ended ended = run.events().ended().orElseThrow();
            assertEquals("stopped", ended.reason());
            assertTrue(run.screen().lines().contains("[STATUS] " + SessionDriver.STOPPED_BY_THERAPIST));
            assertTrue(run.screen().lines().stream().anyMatch(l -> l.startsWith("[FEEDBACK]")), "with feedback");
            // the poller tells the client after it has ended the session: wait for it rather than race it
            until("the closing hint", () -> run.screen().lines().contains("(Press Enter to close.)"));
            assertThrows(StoreException.class, () -> run.send(SessionCommand.Kind.PAUSE, SessionCommand.NO_PAYLOAD),
                    "an ended session takes no more commands");
            assertEquals("", run.err().toString());
        }
    }
}
