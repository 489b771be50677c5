package no.trinn.agents.safety;

import no.trinn.core.Require;
import no.trinn.core.session.SafetyEvent;

/**
 * What {@link SafetyCheck} found in one utterance: the kind, how severe, how it was found and how sure. Holds no
 * words of the utterance, so it may be recorded and shown to a therapist as it is.
 *
 * @param kind what was detected
 * @param severity 1 (mild) to 3 (acute): STOP and PAUSE 1, DISTRESS 1 or 2, RELAPSE 2, SELF_HARM 3
 * @param method {@link #PHRASE} (a curated phrase or pattern, score 1.0) or {@link #SIMILARITY} (embedding)
 * @param score detector score in [0, 1]: 1.0 for a phrase, the cosine similarity to the nearest example otherwise
 */
public record SafetyFinding(SafetyEvent.Kind kind, int severity, String method, double score) {
    /** The method of a curated phrase or pattern hit. */
    public static final String PHRASE = "phrase";
    /** The method of an embedding-similarity hit. */
    public static final String SIMILARITY = "similarity";

    /** Validates every field; an {@link IllegalArgumentException} names the one that is wrong. */
    public SafetyFinding {
        Require.nonNull(kind, "kind");
        Require.inRange(severity, minSeverity(kind), maxSeverity(kind), "severity of " + kind);
        Require.nonNull(method, "method");
        if (!method.equals(PHRASE) && !method.equals(SIMILARITY)) {
            throw new IllegalArgumentException("method must be '" + PHRASE + "' or '" + SIMILARITY + "', was '"
                    + method + "'");
        }
        Require.inRange(score, 0.0, 1.0, "score");
    }

    /** The least severity a finding of {@code kind} may have: STOP, PAUSE, DISTRESS 1, RELAPSE 2, SELF_HARM 3. */
    public static int minSeverity(SafetyEvent.Kind kind) {
        return switch (kind) {
            case STOP, PAUSE, DISTRESS -> 1;
            case RELAPSE -> 2;
            case SELF_HARM -> 3;
        };
    }

    /** The greatest severity a finding of {@code kind} may have: STOP, PAUSE 1, DISTRESS, RELAPSE 2, SELF_HARM 3. */
    public static int maxSeverity(SafetyEvent.Kind kind) {
        return switch (kind) {
            case STOP, PAUSE -> 1;
            case DISTRESS, RELAPSE -> 2;
            case SELF_HARM -> 3;
        };
    }

    /** The session event of this finding in turn {@code turnIndex} (0 or more). */
    public SafetyEvent toEvent(int turnIndex) {
        return new SafetyEvent(turnIndex, kind, severity, method, score);
    }
}
