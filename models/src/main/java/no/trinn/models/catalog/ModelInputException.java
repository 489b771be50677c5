package no.trinn.models.catalog;

import no.trinn.models.ModelsException;

/**
 * What the caller gave cannot be used: an unknown or malformed model id, a file that is not a model of the expected
 * format, a model that is already installed. The message names the id or file and says what to do; a command line
 * reports it as bad input.
 */
public class ModelInputException extends ModelsException {
    public ModelInputException(String message) {
        super(message);
    }

    public ModelInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
