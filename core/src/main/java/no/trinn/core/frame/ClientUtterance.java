package no.trinn.core.frame;

import no.trinn.core.Require;

/**
 * A complete client turn: what the client typed or what the recognizer heard.
 *
 * @param text the words as given; may be empty (a silent turn), never null
 * @param atNanos when the turn ended
 */
public record ClientUtterance(String text, long atNanos) implements Frame {
    public ClientUtterance {
        Require.nonNull(text, "text");
    }
}
