package no.trinn.core.session;

import java.time.Instant;
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
