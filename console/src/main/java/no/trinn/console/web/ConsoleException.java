package no.trinn.console.web;

import no.trinn.core.TrinnException;

/** The console cannot start or keep its files: the port is taken, the password file cannot be read or written. */
public class ConsoleException extends TrinnException {
    public ConsoleException(String message) {
        super(message);
    }

    public ConsoleException(String message, Throwable cause) {
        super(message, cause);
    }
}
