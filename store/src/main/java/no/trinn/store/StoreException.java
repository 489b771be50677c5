package no.trinn.store;

import no.trinn.core.TrinnException;

/**
 * Thrown when the session store cannot do what it was asked: the database (a file or a server) cannot be opened,
 * created, reached, written or read, it is locked by another process, it is not a Trinn session store or was written
 * by a newer Trinn, a record in it is malformed, or an argument (a client alias, an event for an unknown session) is
 * invalid. The message names the database path or URL and what was wrong, and never contains transcripts, client
 * aliases or passwords; the database's error, if any, is the cause.
 */
public class StoreException extends TrinnException {
    /** An error described by {@code message} alone. */
    public StoreException(String message) {
        super(message);
    }

    /** An error described by {@code message}, caused by {@code cause}. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
