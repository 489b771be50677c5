package no.trinn.core.session;

import no.trinn.core.Require;

/**
 * A safety detection in a client turn. Records the kind and how it was detected, never the words themselves (the
 * turn record holds those, in the session record only).
 *
 * @param turnIndex the turn it was detected in
 * @param kind what was detected
 * @param severity 1 (mild) to 3 (acute)
 * @param method how it was detected: "phrase" (curated list) or "similarity" (embedding)
 * @param score detector score in [0, 1]
 */
public record SafetyEvent(int turnIndex, Kind kind, int severity, String method, double score) {
    /** What the safety layer detected. */
    public enum Kind {
        /** The client said a stop phrase: the session ends. */
        STOP,
        /** The client asked for a pause. */
        PAUSE,
        /** The client expressed distress (panic, overwhelm, crying). */
        DISTRESS,
        /** The client talked about hurting themselves. */
        SELF_HARM,
        /** The client talked about using, craving or relapse. */
        RELAPSE
    }

    public SafetyEvent {
        Require.inRange(turnIndex, 0, Integer.MAX_VALUE, "turnIndex");
        Require.nonNull(kind, "kind");
        Require.inRange(severity, 1, 3, "severity");
        Require.nonBlank(method, "method");
        Require.inRange(score, 0.0, 1.0, "score");
    }
}
