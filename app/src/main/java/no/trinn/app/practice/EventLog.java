package no.trinn.app.practice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.trinn.core.session.SessionEvent;
import no.trinn.core.session.SessionObserver;

/**
 * Keeps the events of one session that the command line reports besides the turns: the opening line, safety events,
 * pauses, the controller's decisions, the assessment and the end. Never throws. Thread-safe.
 */
public final class EventLog implements SessionObserver {
    private final List<SessionEvent.SafetyRaised> safety = new ArrayList<>();
    private final List<SessionEvent.PauseChanged> pauses = new ArrayList<>();
    private Optional<SessionEvent.Opened> opened = Optional.empty();
    private final List<SessionEvent.Decided> decisions = new ArrayList<>();
    private Optional<SessionEvent.Ended> ended = Optional.empty();
    private Optional<SessionEvent.Assessed> assessed = Optional.empty();

    @Override
    public synchronized void onEvent(SessionEvent event) {
        switch (event) {
            case SessionEvent.Opened o -> opened = Optional.of(o);
            case SessionEvent.SafetyRaised s -> safety.add(s);
            case SessionEvent.PauseChanged p -> pauses.add(p);
            case SessionEvent.Ended e -> ended = Optional.of(e);
            case SessionEvent.Started s -> {
                // the command line knows how it started the session
            }
            case SessionEvent.Decided d -> decisions.add(d);
            case SessionEvent.Assessed a -> assessed = Optional.of(a);
            case SessionEvent.TurnCompleted t -> {
                // turns are read from the session itself
            }
            case SessionEvent.ConfidenceRated c -> {
                // the command line asked for the rating itself
            }
            case SessionEvent.TaskFollowedUp f -> {
                // the command line asked for it itself
            }
        }
    }

    /** The character's opening line, once spoken. */
    public synchronized Optional<SessionEvent.Opened> opened() {
        return opened;
    }

    /** The safety events so far, in order. */
    public synchronized List<SessionEvent.SafetyRaised> safety() {
        return List.copyOf(safety);
    }

    /** The pauses and resumptions so far, in order. */
    public synchronized List<SessionEvent.PauseChanged> pauses() {
        return List.copyOf(pauses);
    }

    /** The difficulty controller's decisions so far, in order. */
    public synchronized List<SessionEvent.Decided> decisions() {
        return List.copyOf(decisions);
    }

    /** The session's assessment, once it has ended. */
    public synchronized Optional<SessionEvent.Assessed> assessed() {
        return assessed;
    }

    /** How the session ended, once it has. */
    public synchronized Optional<SessionEvent.Ended> ended() {
        return ended;
    }
}
