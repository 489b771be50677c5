package no.trinn.core;

/**
 * Base of every exception Trinn throws on purpose. Unchecked; each module has its own subclass. The message names
 * what was wrong and where (file, line, field, key or engine) so that it can be shown to a user as it is.
 */
public class TrinnException extends RuntimeException {
    public TrinnException(String message) {
        super(message);
    }

    public TrinnException(String message, Throwable cause) {
        super(message, cause);
    }
}
