package no.trinn.core.frame;

import no.trinn.core.Require;

/**
 * Something said out of role to the client: a safety message from the coach, a pause notice, the feedback at the
 * end of a session.
 *
 * @param kind what the notice is for
 * @param text what is shown or spoken; never blank
 * @param atNanos when it was made
 */
public record Notice(Kind kind, String text, long atNanos) implements Frame {
    /** What a notice is for. */
    public enum Kind {
        /** Out-of-role words from the calm coach voice (distress, stop phrase). */
        COACH,
        /** The session is paused or resumed. */
        STATUS,
        /** End-of-session feedback and the real-world task. */
        FEEDBACK
    }

    public Notice {
        Require.nonNull(kind, "kind");
        Require.nonBlank(text, "text");
    }
}
