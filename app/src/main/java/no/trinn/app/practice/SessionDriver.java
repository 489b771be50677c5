package no.trinn.app.practice;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import no.trinn.agents.dialogue.Text;
import no.trinn.agents.session.PracticeSession;
import no.trinn.core.Require;
import no.trinn.core.frame.Frame;
import no.trinn.core.frame.Notice;
import no.trinn.core.session.Decision;
import no.trinn.core.session.SafetyEvent;
import no.trinn.core.session.SessionEvent;

/**
 * Drives one {@link PracticeSession} from client lines: a line starting with {@code /} is a command
 * ({@code /help}, {@code /repeat}, {@code /pause}, {@code /resume}, {@code /quit}), anything else (including an empty
 * line, which is silence) is a client turn. Everything the session returns goes to the transcript sink at once.
 *
 * <p>A stop phrase ends the session ("stopped") with feedback, whatever else the safety check found. The driver's
 * methods are synchronized, so a shutdown hook (Ctrl-C) may {@link #finish} the session while another thread waits
 * for input; the same holds for a therapist's commands ({@link #pauseByTherapist()}, {@link #resumeByTherapist()},
 * {@link #stopByTherapist()}, {@link #adjust}), which {@link RemoteCommands} applies from its own thread between
 * turns: a command never lands in the middle of a turn.
 */
public final class SessionDriver {
    /** The commands, as {@code /help} shows them. */
    public static final String HELP = String.join("\n",
            "Type what you would say and press Enter. An empty line is a silence. Commands:",
            "  /repeat   hear the last line again",
            "  /pause    pause the session (saying \"I need a break\" works too)",
            "  /resume   continue a paused session",
            "  /quit     end the session now and get feedback (Ctrl-D or Ctrl-C does the same)",
            "  /help     show this help");

    /** The status line the client sees when the therapist pauses the session. */
    public static final String PAUSED_BY_THERAPIST = "Your therapist paused the session.";
    /** The status line the client sees when the therapist resumes the session. */
    public static final String RESUMED_BY_THERAPIST = "Your therapist resumed the session.";
    /** The status line the client sees when the therapist ends the session. */
    public static final String STOPPED_BY_THERAPIST = "Your therapist ended the session.";

    private static final String RESUME_HINT = "(Type /resume to carry on, or /quit to end the session.)";

    private final PracticeSession session;
    private final EventLog events;
    private final TranscriptSink sink;
    private final CompletableFuture<Void> prepared;

    /**
     * @param session the session, not yet opened
     * @param events the session's event log (one of its observers)
     * @param sink where the transcript goes
     * @param prepared completes when the scenario's intent examples are embedded; awaited before the first turn
     */
    public SessionDriver(PracticeSession session, EventLog events, TranscriptSink sink,
            CompletableFuture<Void> prepared) {
        this.session = Require.nonNull(session, "session");
        this.events = Require.nonNull(events, "events");
        this.sink = Require.nonNull(sink, "sink");
        this.prepared = Require.nonNull(prepared, "prepared");
    }

    /** Opens the session: the character's opening line. */
    public synchronized void open() {
        sink.frames(session.open());
    }

    /** Handles one line of client input; does nothing once the session has ended. */
    public synchronized void handle(String line) {
        if (session.ended()) {
            return;
        }
        String trimmed = line.strip();
        if (trimmed.startsWith("/")) {
            command(trimmed);
            return;
        }
        String text = Text.sanitise(line);
        sink.client(text);
        prepared.join();
        int safetyBefore = events.safety().size();
        boolean wasPaused = session.paused();
        sink.frames(session.say(text));
        List<SessionEvent.SafetyRaised> raised = events.safety();
        boolean stop = raised.subList(safetyBefore, raised.size()).stream()
                .anyMatch(e -> e.event().kind() == SafetyEvent.Kind.STOP);
        if (stop && !session.ended()) {
            sink.frames(session.end("stopped"));
        }
        hintIfPaused(wasPaused);
    }

    private void hintIfPaused(boolean wasPaused) {
        if (!wasPaused && session.paused() && !session.ended()) {
            sink.info(RESUME_HINT);
        }
    }

    /** Ends the session with {@code reason} and feedback, unless it has ended already. */
    public synchronized void finish(String reason) {
        if (!session.ended()) {
            List<Frame> frames = session.end(reason);
            sink.frames(frames);
        }
    }

    /**
     * The therapist paused the session: a status line tells the client, then the session pauses as with
     * {@code /pause}. Returns false (and does nothing) when the session is paused already or has ended.
     */
    public synchronized boolean pauseByTherapist() {
        if (session.ended() || session.paused()) {
            return false;
        }
        sink.frames(List.of(status(PAUSED_BY_THERAPIST)));
        sink.frames(session.pause("therapist"));
        return true;
    }

    /**
     * The therapist resumed the session: a status line, then the session resumes as with {@code /resume} (the
     * character repeats its last line). Returns false when the session is not paused or has ended.
     */
    public synchronized boolean resumeByTherapist() {
        if (session.ended() || !session.paused()) {
            return false;
        }
        sink.frames(List.of(status(RESUMED_BY_THERAPIST)));
        sink.frames(session.resume());
        return true;
    }

    /**
     * The therapist ended the session: a status line, then the session ends ("stopped") with feedback. Returns
     * false when it has ended already.
     */
    public synchronized boolean stopByTherapist() {
        if (session.ended()) {
            return false;
        }
        sink.frames(List.of(status(STOPPED_BY_THERAPIST)));
        sink.frames(session.end("stopped"));
        return true;
    }

    /**
     * A decision taken between turns (the therapist changed the settings): {@code decide} is given the number of the
     * last client turn (0 before the first) and its decision applies from the next turn
     * ({@link PracticeSession#adjust}). Returns false when the session has ended.
     */
    public synchronized boolean adjust(IntFunction<Decision> decide) {
        if (session.ended()) {
            return false;
        }
        session.adjust(decide.apply(Math.max(0, session.turns().size() - 1)));
        return true;
    }

    private static Notice status(String text) {
        return new Notice(Notice.Kind.STATUS, text, System.nanoTime());
    }

    /** Whether the session has ended. */
    public synchronized boolean ended() {
        return session.ended();
    }

    /** The behaviour values the character uses for the next turn (they may move between turns). */
    public synchronized Map<String, Double> behaviour() {
        return session.behaviour();
    }

    /** The session driven. */
    public PracticeSession session() {
        return session;
    }

    private void command(String command) {
        String name = command.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        sink.command(name);
        switch (name) {
            case "/help", "/?" -> sink.info(HELP);
            case "/repeat" -> sink.frames(session.repeat());
            case "/pause" -> {
                if (session.paused()) {
                    sink.info("The session is already paused. " + RESUME_HINT);
                } else {
                    sink.frames(session.pause("command"));
                    hintIfPaused(false);
                }
            }
            case "/resume" -> {
                if (session.paused()) {
                    sink.frames(session.resume());
                } else {
                    sink.info("The session is not paused.");
                }
            }
            case "/quit", "/exit" -> sink.frames(session.end("quit"));
            default -> sink.info("Unknown command " + name + ". Commands: /repeat /pause /resume /quit /help");
        }
    }
}
