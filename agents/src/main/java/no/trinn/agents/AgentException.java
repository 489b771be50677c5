package no.trinn.agents;

import no.trinn.core.TrinnException;

/** A character agent or dialogue engine could not do what was asked; the message names the engine and the cause. */
public class AgentException extends TrinnException {
    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
