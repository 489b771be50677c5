package no.trinn.core.session;

import java.time.Instant;
import java.util.List;
import no.trinn.core.Require;

/**
 * What observers (recorder, console, metrics, difficulty controller) learn about a session. Events are immutable and
 * arrive in the order they happened.
 */
public sealed interface SessionEvent {
    /** The session's id. */
    String sessionId();

    /** When it happened (wall clock). */
    Instant at();

    /** A session began. {@code clientAlias} is pseudonymous. */
    record Started(String sessionId, Instant at, String clientAlias, String scenarioId, String language,
            double difficulty) implements SessionEvent {
        public Started {
            Require.nonBlank(sessionId, "sessionId");
            Require.nonNull(at, "at");
            Require.nonBlank(clientAlias, "clientAlias");
            Require.nonBlank(scenarioId, "scenarioId");
            Require.nonBlank(language, "language");
            Require.inRange(difficulty, 0.0, 1.0, "difficulty");
        }
    }

    /** The character spoke its opening line. */
    record Opened(String sessionId, Instant at, String state, String characterText) implements SessionEvent {
        public Opened {
            Require.nonBlank(sessionId, "sessionId");
            Require.nonNull(at, "at");
            Require.nonBlank(state, "state");
            Require.nonBlank(characterText, "characterText");
        }
    }

    /** A client turn was handled. */
    record TurnCompleted(String sessionId, Instant at, TurnRecord turn) implements SessionEvent {
        public TurnCompleted {
            Require.nonBlank(sessionId, "sessionId");
            Require.nonNull(at, "at");
            Require.nonNull(turn, "turn");
        }
    }

    /** The safety layer detected something. */
    record SafetyRaised(String sessionId, Instant at, SafetyEvent event) implements SessionEvent {
        public SafetyRaised {
            Require.nonBlank(sessionId, "sessionId");
            Require.nonNull(at, "at");
            Require.nonNull(event, "event");
        }
    }

    /** The session was paused ({@code paused} true) or resumed. */
    record PauseChanged(String sessionId, Instant at, boolean paused, String reason) implements SessionEvent {
        public PauseChanged {
            Require.nonBlank(sessionId, "sessionId");
            Require.nonNull(at, "at");
            Require.nonBlank(reason, "reason");
        }
    }

    /** The difficulty controller took a decision (also when it decided to hold). */
    record Decided(String sessionId, Instant at, Decision decision) implements SessionEvent {
        public Decided {
            Require.nonBlank(sessionId, "sessionId");
            Require.nonNull(at, "at");
            Require.nonNull(decision, "decision");
        }
    }

    /**
     * The session was assessed at its end: its score, and the client model's estimates after it (one per scale the
     * session informed; may be empty when nothing was estimated).
     */
    record Assessed(String sessionId, Instant at, SessionScore score, List<LevelEstimate> levels)
            implements SessionEvent {
        public Assessed {
            Require.nonBlank(sessionId, "sessionId");
            Require.nonNull(at, "at");
            Require.nonNull(score, "score");
            levels = List.copyOf(Require.nonNull(levels, "levels"));
        }
    }

    /** The client rated their confidence in the situation from 1 (not at all) to 5 (very), before or after. */
    record ConfidenceRated(String sessionId, Instant at, boolean before, int rating) implements SessionEvent {
        /** The lowest rating. */
        public static final int MIN = 1;
        /** The highest rating. */
        public static final int MAX = 5;

        public ConfidenceRated {
            Require.nonBlank(sessionId, "sessionId");
            Require.nonNull(at, "at");
            Require.inRange(rating, MIN, MAX, "rating");
        }
    }

    /**
     * At the start of this session the client said how the real-world task of their previous session went.
     *
     * @param previousSessionId the session that set the task
     * @param outcome how it went
     */
    record TaskFollowedUp(String sessionId, Instant at, String previousSessionId, TaskOutcome outcome)
            implements SessionEvent {
        public TaskFollowedUp {
            Require.nonBlank(sessionId, "sessionId");
            Require.nonNull(at, "at");
            Require.nonBlank(previousSessionId, "previousSessionId");
            Require.nonNull(outcome, "outcome");
        }
    }

    /** How a real-world task went, as the client tells it. */
    enum TaskOutcome {
        /** The client did it. */
        DONE,
        /** The client tried, or did part of it. */
        TRIED,
        /** Not yet. */
        NOT_YET
    }

    /** The session ended: {@code reason} is "completed", "stopped", "quit" or "interrupted". */
    record Ended(String sessionId, Instant at, String reason, SessionSummary summary) implements SessionEvent {
        public Ended {
            Require.nonBlank(sessionId, "sessionId");
            Require.nonNull(at, "at");
            Require.nonBlank(reason, "reason");
            Require.nonNull(summary, "summary");
        }
    }
}
