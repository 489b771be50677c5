package no.trinn.models;

import no.trinn.core.TrinnException;

/** A model could not be found, loaded or run; the message names the model and what went wrong. */
public class ModelsException extends TrinnException {
    public ModelsException(String message) {
        super(message);
    }

    public ModelsException(String message, Throwable cause) {
        super(message, cause);
    }
}
